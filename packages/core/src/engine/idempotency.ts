import type { Clock } from '../clock/clock';
import { BillingError, BillingErrorCode, isBillingError } from '../errors/billing-error';
import type { StorageSession } from '../storage/storage-adapter';
import type { BillingNotification } from '../notify/notifier';
import type { EngineContext } from './context';
import { ledgerTransaction } from './ledger/ledger-transaction';
import { deliverAfterCommit } from './notifications/deliver-after-commit';
import { chargeFinalized, finalizedInvoiceIds } from './online-payments/charge-finalized';
import { enqueueNotifications } from './notifications/enqueue-notifications';

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const record = inner as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

/** The SHA-256 (hex) of a request's canonical JSON. */
async function requestHash(request: unknown): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(request)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function refuse(key: string): never {
  throw new BillingError(
    BillingErrorCode.conflict,
    `Idempotency key "${key}" was already used with a different request; use a new key for a new request`,
    { path: ['input', 'idempotencyKey'] },
  );
}

/**
 * Runs `fn` once per idempotency `key`, inside the caller's transaction: the first time, its result is stored
 * as JSON with a hash of `request` in the same transaction (so both commit or neither); a replay with an equal
 * request returns the stored result without running `fn`. The first call returns the JSON form too, so first
 * call and replays look the same.
 * @param key already scoped by operation (`payments.record:abc`).
 * @throws BillingError `conflict` (path `["input", "idempotencyKey"]`) when the key was used with a different request.
 */
export async function withIdempotency<T>(
  session: StorageSession,
  clock: Clock,
  key: string,
  request: unknown,
  fn: () => Promise<T>,
): Promise<T> {
  const hash = await requestHash(request);
  const stored = await session.idempotency.get(key);
  if (stored !== undefined) {
    if (stored.requestHash !== hash) refuse(key);
    return stored.response as T;
  }
  const response = JSON.parse(JSON.stringify(await fn())) as T;
  await session.idempotency.put({ key, requestHash: hash, response, createdAt: clock.now().toISOString() });
  return response;
}

/**
 * Runs one public operation: `work` in one transaction (a {@link ledgerTransaction}: run again from fresh reads
 * after a `conflict`, a bounded number of times), under {@link withIdempotency} when a `key` is given. The
 * notifications `work` puts in `outbox` are written to the storage's outbox in the same transaction, so they commit
 * with the change or not at all, and only when `work` really ran (a replay writes nothing again); with a notifier
 * and `immediate` delivery they are sent once the transaction has committed, and invoices it finalized for customers
 * charged automatically are charged then (see `chargeFinalized`). When two requests with the same key
 * race, the loser's transaction fails on the key; it then returns the winner's stored result (or `conflict` when
 * the requests differ).
 */
export async function runIdempotent<T>(
  ctx: EngineContext,
  key: string | undefined,
  request: unknown,
  work: (session: StorageSession, outbox: BillingNotification[]) => Promise<T>,
): Promise<T> {
  let written: string[] = [];
  let finalized: string[] = [];
  const attempt = async (session: StorageSession) => {
    const outbox: BillingNotification[] = [];
    written = [];
    const result = await work(session, outbox);
    written = await enqueueNotifications(session, ctx, outbox);
    finalized = finalizedInvoiceIds(outbox);
    return result;
  };
  let result: T;
  try {
    result =
      key === undefined
        ? await ledgerTransaction(ctx.storage, attempt)
        : await ledgerTransaction(ctx.storage, (session) =>
            withIdempotency(session, ctx.clock, key, request, () => attempt(session)),
          );
  } catch (error) {
    if (key === undefined || !isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
    const stored = await ctx.storage.idempotency.get(key);
    if (stored === undefined) throw error;
    if (stored.requestHash !== (await requestHash(request))) refuse(key);
    return stored.response as T;
  }
  await deliverAfterCommit(ctx, written);
  await chargeFinalized(ctx, finalized);
  return result;
}
