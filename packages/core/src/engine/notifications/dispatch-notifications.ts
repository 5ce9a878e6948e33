import { z } from 'zod';
import { InstantInputSchema } from '../../domain/common';
import type { DeliveryError, OutboxEntry } from '../../domain/outbox-entry';
import { BillingError, BillingErrorCode, isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { isRetryableDeliveryError, type Notifier } from '../../notify/notifier';
import type { EngineContext } from '../context';
import { runInstant } from '../run-instant';

/** Options of `notifications.dispatch`. */
export const DispatchOptionsSchema = z
  .strictObject({
    /** Deliver what is due at this instant (default: the clock's now; at most `runHorizonDays` ahead). */
    now: InstantInputSchema.optional(),
    /** The most entries this call claims in all (default 1000); call again for more. */
    limit: z.number().int().min(1).max(100_000).default(1000),
    /** Entries claimed per transaction (default 50): each batch is leased, sent, and its outcomes recorded. */
    batchSize: z.number().int().min(1).max(1000).default(50),
    /** The notifier to deliver through (default: the engine's). */
    notifier: z
      .custom<Notifier>(
        (value) => typeof value === 'object' && value !== null && typeof (value as Notifier).notify === 'function',
        { message: 'expected a Notifier with notify()' },
      )
      .optional(),
  })
  .default({ limit: 1000, batchSize: 50 });

/** Options of `notifications.dispatch`; see {@link DispatchOptionsSchema}. */
export type DispatchOptions = z.input<typeof DispatchOptionsSchema>;

/** What one dispatch did. Durations come from the engine's clock (a test clock reports 0). */
export interface DispatchSummary {
  readonly now: string;
  readonly batches: number;
  /** Entries claimed (each one delivery attempt). */
  readonly claimed: number;
  readonly delivered: number;
  /** Entries that failed and wait for another attempt. */
  readonly retrying: number;
  /** Entries dead-lettered by this dispatch (a failure that would repeat, or the last attempt). */
  readonly dead: number;
  readonly durationMs: number;
}

/** What an attempt came to, as written back to its entry. */
type Outcome = { readonly delivered: true } | { readonly delivered: false; readonly error: unknown };

const plus = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();

/** The error as the entry keeps it: code, message (truncated), whether a retry may help. */
function deliveryError(error: unknown): DeliveryError {
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: isBillingError(error) ? error.code : 'internal_error',
    message: message.slice(0, 2000),
    retryable: isRetryableDeliveryError(error),
  };
}

/** The entry after its attempt: delivered, waiting for a retry (with backoff), or dead. */
function settled(ctx: EngineContext, entry: OutboxEntry, outcome: Outcome, now: string): OutboxEntry {
  const next = { ...entry, version: entry.version + 1 };
  if (outcome.delivered) return { ...next, status: 'delivered', deliveredAt: now };
  const settings = ctx.config.notifications;
  const lastError = deliveryError(outcome.error);
  if (!lastError.retryable || entry.attempts >= settings.maxAttempts) return { ...next, status: 'dead', lastError };
  const backoff = Math.min(settings.retryAfterSeconds * 2 ** (entry.attempts - 1), settings.maxRetryAfterSeconds);
  const asked = isBillingError(outcome.error) ? (outcome.error.delivery?.retryAfterSeconds ?? 0) : 0;
  return { ...next, lastError, nextAttemptAt: plus(now, Math.max(backoff, asked)) };
}

/**
 * Claims one batch of due entries and leases them: `attempts` up, `nextAttemptAt` at the end of the lease, so no
 * other dispatcher claims them while they are being sent, and one that dies leaves them to be claimed again.
 */
async function claimBatch(
  ctx: EngineContext,
  query: { readonly now: string; readonly limit: number; readonly ids?: readonly string[] },
): Promise<OutboxEntry[]> {
  const leaseEnd = plus(query.now, ctx.config.notifications.leaseSeconds);
  return ctx.storage.transaction(async (session) => {
    const due = await session.outbox.claimDue(query);
    const leased = due.map((entry) => ({
      ...entry,
      attempts: entry.attempts + 1,
      lastAttemptAt: query.now,
      nextAttemptAt: leaseEnd,
      version: entry.version + 1,
    }));
    if (leased.length > 0) await session.outbox.updateMany(leased);
    return leased;
  });
}

/**
 * Delivers due outbox entries through `notifier`, batch by batch: each batch is claimed and leased in one short
 * transaction (skip-locked, so several dispatchers share the work), sent one by one outside any transaction, and
 * each outcome written back on its own: delivered; failed and retried later with backoff; or dead-lettered with
 * the last error. An outcome whose entry another dispatcher re-claimed meanwhile (the lease ran out) is dropped:
 * that dispatcher owns it now. At least once: a crash between send and write-back sends again after the lease.
 * @internal
 */
export async function dispatchEntries(
  ctx: EngineContext,
  notifier: Notifier,
  query: { readonly now: string; readonly limit: number; readonly batchSize: number; readonly ids?: readonly string[] },
): Promise<DispatchSummary> {
  const clock = () => ctx.clock.now().getTime();
  const started = clock();
  const counts = { batches: 0, claimed: 0, delivered: 0, retrying: 0, dead: 0 };
  while (counts.claimed < query.limit) {
    const size = Math.min(query.batchSize, query.limit - counts.claimed);
    const batch = await claimBatch(ctx, {
      now: query.now,
      limit: size,
      ...(query.ids !== undefined ? { ids: query.ids } : {}),
    });
    if (batch.length === 0) break;
    counts.batches += 1;
    counts.claimed += batch.length;
    for (const entry of batch) {
      let outcome: Outcome;
      try {
        await notifier.notify(entry.notification);
        outcome = { delivered: true };
      } catch (error) {
        outcome = { delivered: false, error };
      }
      const next = settled(ctx, entry, outcome, query.now);
      try {
        await ctx.storage.outbox.update(next);
      } catch (error) {
        if (!isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
        continue;
      }
      if (next.status === 'delivered') counts.delivered += 1;
      else if (next.status === 'dead') counts.dead += 1;
      else counts.retrying += 1;
    }
    if (batch.length < size) break;
  }
  return { now: query.now, ...counts, durationMs: clock() - started };
}

/**
 * Delivers the outbox: `notifications.dispatch`. Call it from a worker or cron (or let `immediate` delivery send
 * each operation's notifications after its commit, leaving only the failures to it).
 * @throws BillingError `invalid_state` when neither the engine nor `options` has a notifier; `invalid_input` for
 * bad options.
 * @example
 * ```ts
 * const summary = await billing.notifications.dispatch({ limit: 500 });
 * // { claimed: 12, delivered: 11, retrying: 1, dead: 0, … }
 * ```
 */
export async function dispatchNotifications(ctx: EngineContext, options?: DispatchOptions): Promise<DispatchSummary> {
  const parsed = validate(DispatchOptionsSchema, options, 'options');
  const notifier = parsed.notifier ?? ctx.notifier;
  if (notifier === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      'No notifier to dispatch through: pass one to createBilling({ notifier }) or to dispatch({ notifier })',
      { path: ['options', 'notifier'] },
    );
  }
  const now = runInstant(ctx, parsed.now);
  return dispatchEntries(ctx, notifier, { now, limit: parsed.limit, batchSize: parsed.batchSize });
}
