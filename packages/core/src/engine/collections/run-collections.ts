import { z } from 'zod';
import { InstantInputSchema } from '../../domain/common';
import type { DunningStage } from '../../domain/subscription';
import { BillingErrorCode, isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { type Money, money } from '../../money/money';
import { type BillingTelemetry, billingTelemetry } from '../../telemetry/billing-telemetry';
import { TelemetryAttribute } from '../../telemetry/instruments';
import type { EngineContext } from '../context';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { deliverAfterCommit } from '../notifications/deliver-after-commit';
import { enqueueNotifications } from '../notifications/enqueue-notifications';
import { type ChargeRunSummary, chargeDue } from '../online-payments/charge-due';
import { runInstant } from '../run-instant';
import { type CollectedBatch, type CollectionsError, collectInvoices, collectionsError } from './collect-invoices';

/** What the `onBatch` option of {@link CollectionsRunOptions} is told after each batch has committed. */
export interface CollectionsRunProgress {
  /** Batches committed so far (1 after the first). */
  readonly batches: number;
  /** Invoices collected in this batch. */
  readonly batchInvoicesCollected: number;
  /** Invoices collected so far in the run. */
  readonly invoicesCollected: number;
  readonly remindersSent: number;
  readonly feesCharged: number;
  /** Invoices that failed so far in the run. */
  readonly errors: number;
}

/** Options of {@link runCollections}. */
export const CollectionsRunOptionsSchema = z
  .strictObject({
    /** Collect everything due at or before this instant (default: the clock's now; at most `runHorizonDays` ahead). */
    now: InstantInputSchema.optional(),
    /** Invoices claimed and collected per transaction (default 500). */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /** Stop the run once this many invoices have failed (default 1000). */
    maxErrors: z.number().int().min(1).max(1_000_000).default(1000),
    /**
     * Called after each batch has committed (and, with immediate delivery, its notifications were sent). When it
     * throws, the run stops with that error; the batches committed so far stay collected.
     */
    onBatch: z
      .custom<(progress: CollectionsRunProgress) => void | Promise<void>>((value) => typeof value === 'function', {
        message: 'expected a function (progress) => void',
      })
      .optional(),
  })
  .default({ batchSize: 500, maxErrors: 1000 });

/** Options of {@link runCollections}; see {@link CollectionsRunOptionsSchema}. */
export type CollectionsRunOptions = z.input<typeof CollectionsRunOptionsSchema>;

/** What a collections run did. Durations come from the engine's clock (a test clock reports 0). */
export interface CollectionsRunSummary {
  readonly now: string;
  /** Invoices whose collections moved on (a reminder, the overdue flag, a dunning step, or only their schedule). */
  readonly invoicesCollected: number;
  readonly remindersSent: number;
  /** Invoices that became overdue. */
  readonly invoicesOverdue: number;
  readonly feesCharged: number;
  /** Σ the fees charged (before tax), per currency. */
  readonly feesByCurrency: Record<string, string>;
  /** Invoices created to bill fees (fees billed on a subscription's next invoice make none). */
  readonly invoicesCreated: number;
  /** The sum of those invoices' totals per currency, as the billing run reports its own. */
  readonly totalsByCurrency: Record<string, string>;
  /** Dunning stages subscriptions reached in this run, by stage. */
  readonly dunning: Readonly<Record<DunningStage, number>>;
  /** Invoices left uncollected (they stay due for the next run). */
  readonly errors: readonly CollectionsError[];
  /** Whether the run stopped at `maxErrors` failures before collecting everything due. */
  readonly stoppedEarly: boolean;
  readonly batches: number;
  /**
   * The automatic charges the run sent after collecting: first charges not yet sent, retries whose day has come,
   * attempts whose sender died (see `chargeDue`). All zero when the engine has no gateways.
   */
  readonly charges: ChargeRunSummary;
  readonly durationMs: number;
  readonly steps: { readonly batches: { readonly durationMs: number } };
}

/** A committed batch and the outbox entries it wrote. */
interface Committed {
  readonly batch: CollectedBatch;
  readonly outboxIds: readonly string[];
}

/**
 * Collects invoices one by one, each in its own transaction: the invoice's customer's ledger lock (waiting), a fresh
 * read, collected only if still open and due. For the invoices a batch had to leave (their customer was held, or
 * its writes conflicted). Results are merged into one batch.
 */
async function collectOneByOne(ctx: EngineContext, ids: readonly string[], now: string): Promise<Committed> {
  const merged = {
    invoices: [] as CollectedBatch['invoices'][number][],
    reminders: 0,
    overdue: 0,
    fees: [] as CollectedBatch['fees'][number][],
    feeInvoices: [] as CollectedBatch['feeInvoices'][number][],
    dunning: [] as CollectedBatch['dunning'][number][],
    errors: [] as CollectionsError[],
    notifications: [] as CollectedBatch['notifications'][number][],
  };
  const outboxIds: string[] = [];
  for (const id of ids) {
    try {
      const done = await ledgerTransaction(ctx.storage, async (session) => {
        const invoice = await readUnderLedgerLock(session, session.invoices, id, 'invoice', ['invoiceId']);
        if (invoice.status !== 'open' || invoice.collectionsDueAt === undefined || invoice.collectionsDueAt > now) {
          return undefined;
        }
        const batch = await collectInvoices(session, ctx, [invoice], now);
        return { batch, outboxIds: await enqueueNotifications(session, ctx, batch.notifications) };
      });
      if (done === undefined) continue;
      merged.invoices.push(...done.batch.invoices);
      merged.reminders += done.batch.reminders;
      merged.overdue += done.batch.overdue;
      merged.fees.push(...done.batch.fees);
      merged.feeInvoices.push(...done.batch.feeInvoices);
      merged.dunning.push(...done.batch.dunning);
      merged.errors.push(...done.batch.errors);
      merged.notifications.push(...done.batch.notifications);
      outboxIds.push(...done.outboxIds);
    } catch (error) {
      if (!isBillingError(error)) throw error;
      merged.errors.push(collectionsError(id, 'write', error));
    }
  }
  return { batch: merged, outboxIds };
}

/**
 * Counts what a committed batch did (area `collections`): reminders, overdue flags, fees, dunning stages reached,
 * and each invoice that failed at its step under its code.
 */
function countCollected(telemetry: BillingTelemetry, batch: CollectedBatch): void {
  telemetry.items('collections', 'reminder', batch.reminders);
  telemetry.items('collections', 'overdue', batch.overdue);
  telemetry.items('collections', 'fee', batch.fees.length);
  for (const { stage } of batch.dunning) {
    telemetry.items('collections', 'dunning', 1, { [TelemetryAttribute.dunningStage]: stage });
  }
  for (const error of batch.errors) telemetry.error('collections', error.step, error.code);
}

/**
 * Runs collections for every open invoice whose `collectionsDueAt` is at or before `now`, then charges the automatic
 * payment attempts due (`chargeDue`: retries of failed charges on the policy's `retries` schedule, first charges not
 * yet sent), batch by batch, like the
 * billing run: each batch is one transaction that claims up to `batchSize` invoices (`claimCollectible`, skip-locked
 * where transactions run concurrently), takes their customers' ledger locks without waiting (`skipLocked`),
 * collects the invoices of the customers it got (`collectInvoices`: reminders, the overdue flag, fees, dunning),
 * writes their notifications to the outbox and commits; with a notifier and `immediate` delivery they are sent
 * after the commit. An invoice whose customer another writer held is claimed past for the rest of the run and
 * collected at its end, one by one, waiting for its customer; a batch whose writes conflict is collected again one
 * by one from fresh reads. An invoice that fails is reported in `errors`, left unchanged and skipped for the rest of
 * the run.
 *
 * Idempotent (a second run for the same `now` finds nothing due: each collected invoice's `collectionsDueAt` moves
 * past `now`), resumable (each batch commits whole), and safe from several processes at once: an invoice is
 * collected under its row lock and its customer's ledger lock, and storage refuses a second outbox entry for the
 * same reminder step and a second fee with the same key, so no reminder or fee is ever doubled.
 * @throws BillingError `invalid_input` for bad options or a `now` beyond the horizon; storage failures other than
 * conflicts are re-thrown. Reports through the engine's telemetry (area `collections`, see `docs/metrics.md`): a
 * span and latency for the run, each batch and the invoices collected one by one, and what each batch did.
 * @example
 * ```ts
 * const summary = await billing.collections.run({ now: '2026-03-01T06:00:00Z' });
 * // { remindersSent: 42, invoicesOverdue: 7, feesCharged: 5, feesByCurrency: { EUR: '125.00' }, errors: [], … }
 * ```
 */
export function runCollections(ctx: EngineContext, options?: CollectionsRunOptions): Promise<CollectionsRunSummary> {
  const telemetry = ctx.telemetry ?? billingTelemetry;
  return telemetry.measure('collections', 'run', () => collectDue(ctx, telemetry, options));
}

/** The body of {@link runCollections}, inside its span. */
async function collectDue(
  ctx: EngineContext,
  telemetry: BillingTelemetry,
  options: CollectionsRunOptions | undefined,
): Promise<CollectionsRunSummary> {
  const parsed = validate(CollectionsRunOptionsSchema, options, 'options');
  const { batchSize, maxErrors, onBatch } = parsed;
  const clock = () => ctx.clock.now().getTime();
  const started = clock();
  const now = runInstant(ctx, parsed.now);

  const failed = new Set<string>();
  const deferred = new Set<string>();
  const errors: CollectionsError[] = [];
  const fees = new Map<string, Money>();
  const invoiced = new Map<string, Money>();
  const sum = (sums: Map<string, Money>, currency: string, amount: string) =>
    sums.set(currency, (sums.get(currency) ?? money('0', currency)).add(money(amount, currency)));
  const dunning: Record<DunningStage, number> = { past_due: 0, unpaid: 0, suspended: 0, canceled: 0 };
  const totals = { invoices: 0, reminders: 0, overdue: 0, fees: 0, feeInvoices: 0, batches: 0 };
  let stoppedEarly = false;

  const oneByOne = (ids: readonly string[]) =>
    telemetry.measure('collections', 'deferred', () => collectOneByOne(ctx, ids, now), {
      items: ({ batch }) => batch.invoices.length,
    });
  const account = async ({ batch, outboxIds }: Committed) => {
    countCollected(telemetry, batch);
    totals.batches += 1;
    totals.invoices += batch.invoices.length;
    totals.reminders += batch.reminders;
    totals.overdue += batch.overdue;
    totals.fees += batch.fees.length;
    totals.feeInvoices += batch.feeInvoices.length;
    for (const fee of batch.fees) sum(fees, fee.currency, fee.amount);
    for (const invoice of batch.feeInvoices) sum(invoiced, invoice.currency, invoice.total);
    for (const { stage } of batch.dunning) dunning[stage] += 1;
    for (const error of batch.errors) {
      failed.add(error.invoiceId);
      errors.push(error);
    }
    await deliverAfterCommit(ctx, outboxIds);
    await onBatch?.({
      batches: totals.batches,
      batchInvoicesCollected: batch.invoices.length,
      invoicesCollected: totals.invoices,
      remindersSent: totals.reminders,
      feesCharged: totals.fees,
      errors: errors.length,
    });
  };

  for (;;) {
    if (failed.size >= maxErrors) {
      stoppedEarly = true;
      break;
    }
    let claimed: readonly string[] = [];
    let held: readonly string[] = [];
    let mine: readonly string[] = [];
    let committed: Committed | undefined;
    try {
      const claim = () =>
        ctx.storage.transaction(async (session) => {
          const passed = failed.size + deferred.size;
          const rows = await session.invoices.claimCollectible({ now, limit: batchSize + passed });
          const due = rows
            .filter((invoice) => !failed.has(invoice.id) && !deferred.has(invoice.id))
            .slice(0, batchSize);
          claimed = due.map((invoice) => invoice.id);
          if (due.length === 0) return undefined;
          const customerIds = [...new Set(due.map((invoice) => invoice.customerId))].sort();
          const locked = new Set(await session.locks.customers(customerIds, { skipLocked: true }));
          held = due.filter((invoice) => !locked.has(invoice.customerId)).map((invoice) => invoice.id);
          const collectable = due.filter((invoice) => locked.has(invoice.customerId));
          mine = collectable.map((invoice) => invoice.id);
          if (collectable.length === 0) return undefined;
          const batch = await collectInvoices(session, ctx, collectable, now);
          return { batch, outboxIds: await enqueueNotifications(session, ctx, batch.notifications) };
        });
      // A claim that found nothing it could collect records no figures (its span still ends).
      committed = await telemetry.measure('collections', 'batch', claim, {
        items: (done) => done?.batch.invoices.length ?? 0,
        skip: (done) => done === undefined,
      });
    } catch (error) {
      if (!isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
      committed = await oneByOne(mine);
    }
    if (claimed.length === 0) break;
    for (const id of held) deferred.add(id);
    if (committed !== undefined) await account(committed);
  }
  if (!stoppedEarly && deferred.size > 0) await account(await oneByOne([...deferred]));
  const charges =
    ctx.gateways !== undefined && ctx.gateways.size > 0
      ? await chargeDue(ctx, { now, batchSize })
      : { attempted: 0, succeeded: 0, failed: 0, waiting: 0, unanswered: 0 };
  const finished = clock();
  return {
    now,
    invoicesCollected: totals.invoices,
    remindersSent: totals.reminders,
    invoicesOverdue: totals.overdue,
    feesCharged: totals.fees,
    feesByCurrency: Object.fromEntries([...fees].map(([currency, total]) => [currency, total.toString()])),
    invoicesCreated: totals.feeInvoices,
    totalsByCurrency: Object.fromEntries([...invoiced].map(([currency, total]) => [currency, total.toString()])),
    dunning,
    errors,
    stoppedEarly,
    batches: totals.batches,
    charges,
    durationMs: finished - started,
    steps: { batches: { durationMs: finished - started } },
  };
}
