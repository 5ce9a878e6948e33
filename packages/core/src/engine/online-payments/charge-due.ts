import type { PaymentAttempt } from '../../domain/payment-attempt';
import type { EngineContext } from '../context';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { beginAttempts, type ChargeOrder } from './begin-attempts';
import { recordAttemptOutcome } from './record-outcome';
import { sendAttempt } from './send-attempt';

/** What {@link chargeDue} did, counted by the attempts' outcomes. */
export interface ChargeRunSummary {
  /** Attempts sent to a gateway. */
  readonly attempted: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Waiting for the customer (3-D Secure, approval) or for the provider's webhook. */
  readonly waiting: number;
  /** Sent without an answer: left `pending`, sent again under the same key once their lease ends. */
  readonly unanswered: number;
}

/** Options of {@link chargeDue}. */
export interface ChargeDueOptions {
  /** Charge what is due at or before this instant. */
  readonly now: string;
  /** Attempts claimed per transaction. */
  readonly batchSize: number;
  /** Only these attempts (the ones an operation just scheduled). */
  readonly ids?: readonly string[];
}

/** Reserves one attempt in its own transaction, waiting for its customer (rule L1), if it is still due. */
async function beginOne(ctx: EngineContext, id: string, now: string): Promise<ChargeOrder[]> {
  return ledgerTransaction(ctx.storage, async (session) => {
    const attempt = await readUnderLedgerLock(session, session.paymentAttempts, id, 'payment attempt', ['attemptId']);
    if (attempt.dueAt === undefined || attempt.dueAt > now) return [];
    return beginAttempts(session, ctx, [attempt]);
  });
}

/**
 * Charges every payment attempt due at `now`: scheduled first charges, retries whose day has come, and attempts whose
 * sender died mid-charge (lease ended). Batch by batch, like the collections run: a transaction claims due attempts
 * (`paymentAttempts.claimDue`, skip-locked), takes their customers' ledger locks without waiting and reserves them
 * ({@link beginAttempts}), and commits; then each is sent to its gateway outside any transaction
 * ({@link sendAttempt}) and its outcome recorded in a transaction of its own ({@link recordAttemptOutcome}).
 * Attempts whose customer another writer held are reserved at the end, one by one, waiting for the customer.
 * Safe from several processes at once: a reserved attempt is leased (its `dueAt` moves past `now`), and two
 * processes that both send one use the same idempotency key, so the provider charges once.
 */
export async function chargeDue(ctx: EngineContext, options: ChargeDueOptions): Promise<ChargeRunSummary> {
  const counts = { attempted: 0, succeeded: 0, failed: 0, waiting: 0, unanswered: 0 };
  const send = async (orders: readonly ChargeOrder[]) => {
    for (const order of orders) {
      counts.attempted += 1;
      const outcome = await sendAttempt(ctx, order);
      const recorded: PaymentAttempt = await recordAttemptOutcome(ctx, order.attempt.id, outcome);
      if (outcome.kind === 'unknown') counts.unanswered += 1;
      else if (recorded.status === 'succeeded') counts.succeeded += 1;
      else if (recorded.status === 'failed') counts.failed += 1;
      else counts.waiting += 1;
    }
  };
  const deferred = new Set<string>();
  for (;;) {
    let claimed = 0;
    const orders = await ctx.storage.transaction(async (session) => {
      const rows = await session.paymentAttempts.claimDue({
        now: options.now,
        limit: options.batchSize + deferred.size,
        ...(options.ids !== undefined ? { ids: options.ids } : {}),
      });
      const due = rows.filter((attempt) => !deferred.has(attempt.id)).slice(0, options.batchSize);
      claimed = due.length;
      if (due.length === 0) return [];
      const customerIds = [...new Set(due.map((attempt) => attempt.customerId))].sort();
      const locked = new Set(await session.locks.customers(customerIds, { skipLocked: true }));
      for (const attempt of due) if (!locked.has(attempt.customerId)) deferred.add(attempt.id);
      return beginAttempts(
        session,
        ctx,
        due.filter((attempt) => locked.has(attempt.customerId)),
      );
    });
    if (claimed === 0) break;
    await send(orders);
  }
  for (const id of deferred) await send(await beginOne(ctx, id, options.now));
  return counts;
}
