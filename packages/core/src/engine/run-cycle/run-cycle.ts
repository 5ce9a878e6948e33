import { z } from 'zod';
import { InstantInputSchema } from '../../domain/common';
import { BillingErrorCode, isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { type Money, money } from '../../money/money';
import { billingTelemetry } from '../../telemetry/billing-telemetry';
import { createStepTally, type StepFigures, type StepTally } from '../../telemetry/step-tally';
import type { DuePosition } from '../../storage/subscription-repositories';
import type { EngineContext } from '../context';
import { deliverAfterCommit } from '../notifications/deliver-after-commit';
import { chargeFinalized } from '../online-payments/charge-finalized';
import { runInstant } from '../run-instant';
import { billOneByOne } from './bill-one-by-one';
import { type BilledBatch, billSubscriptions } from './bill-subscriptions';
import { loadCatalog } from './catalog';
import { type ClaimedBatch, claimBatch } from './claim-batch';
import type { RunError } from './run-error';

/** What the `onBatch` option of {@link RunCycleOptions} is told after each batch has committed. */
export interface RunCycleProgress {
  /** Batches committed so far (1 after the first). */
  readonly batches: number;
  /** Subscriptions whose billing state moved on in this batch. */
  readonly batchSubscriptionsBilled: number;
  /** Invoices created in this batch. */
  readonly batchInvoicesCreated: number;
  /** Subscriptions billed so far in the run. */
  readonly subscriptionsBilled: number;
  /** Invoices created so far in the run. */
  readonly invoicesCreated: number;
  /** Subscriptions that failed so far in the run. */
  readonly errors: number;
}

const ProgressCallbackSchema = z.custom<(progress: RunCycleProgress) => void | Promise<void>>(
  (value) => typeof value === 'function',
  { message: 'expected a function (progress) => void' },
);

/** Options of {@link runCycle}. */
export const RunCycleOptionsSchema = z
  .strictObject({
    /**
     * Bill every boundary at or before this instant (default: the clock's now); at most the engine's
     * `runHorizonDays` past the clock's now.
     */
    now: InstantInputSchema.optional(),
    /** The most periods this run bills per subscription (default: the engine's `maxPeriodsPerRun`). */
    maxPeriodsPerSubscription: z.number().int().min(1).max(10_000).optional(),
    /** Subscriptions claimed and billed per transaction (default 500). */
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /**
     * Batches billed at once, each in its own transaction (default 2), where the storage runs transactions side by
     * side (`capabilities.transactions: 'concurrent'`; a serial storage bills one at a time): the next batch claims
     * and reads while the one before writes, so the database and this process both keep busy. Batches claim with
     * skip-locked rows, so they never bill the same subscription, and take invoice numbers one after the other.
     */
    concurrency: z.number().int().min(1).max(8).default(2),
    /** Stop the run once this many subscriptions have failed (default 1000), so a broken catalog cannot spin it. */
    maxErrors: z.number().int().min(1).max(1_000_000).default(1000),
    /**
     * Called after each batch has committed (and, with immediate delivery, its notifications were sent), e.g. to report
     * progress. When it throws, the run stops with that error; the batches committed so far stay billed.
     */
    onBatch: ProgressCallbackSchema.optional(),
  })
  .default({ batchSize: 500, concurrency: 2, maxErrors: 1000 });

/** Options of {@link runCycle}; see {@link RunCycleOptionsSchema}. */
export type RunCycleOptions = z.input<typeof RunCycleOptionsSchema>;

/**
 * What a billing run did. `durationMs` and `steps` come from the engine's clock (a test clock reports 0);
 * `measured` from a monotonic timer.
 */
export interface RunCycleSummary {
  readonly now: string;
  readonly invoicesCreated: number;
  /** Subscriptions whose billing state moved on (with or without an invoice, e.g. a trial start). */
  readonly subscriptionsBilled: number;
  /** The sum of the created invoices' totals per currency. */
  readonly totalsByCurrency: Record<string, string>;
  /** Subscriptions left unbilled (they stay due for the next run). */
  readonly errors: readonly RunError[];
  /** Whether the run stopped at `maxErrors` failures before billing everything due. */
  readonly stoppedEarly: boolean;
  /**
   * Subscriptions billed for the most periods one run bills (`maxPeriodsPerSubscription`) that are still due: the
   * next run goes on where this one stopped.
   */
  readonly subscriptionsLeftDue: number;
  readonly batches: number;
  readonly durationMs: number;
  readonly steps: {
    readonly catalog: { readonly durationMs: number };
    readonly batches: { readonly durationMs: number };
  };
  /**
   * Items, errors by code and latency per step, exactly as the run gave them to its OpenTelemetry instruments
   * (`billfold.run.*`, `billfold.rating.*`, `billfold.invoicing.*`; see `docs/metrics.md`).
   */
  readonly measured: readonly StepFigures[];
}

/**
 * Bills every subscription whose `nextBillingAt` is at or before `now`, batch by batch (on a concurrent storage
 * `concurrency` batches at once, default 2: one claims and reads while another writes): each batch is one
 * transaction that claims up to `batchSize` due subscriptions (`claimDue`, skip-locked where transactions run
 * concurrently), takes their customers' ledger locks without waiting (`skipLocked`), bills the subscriptions of
 * the customers it got with `billSubscriptions`, writes their notifications to the outbox and commits; with a notifier
 * and `immediate` delivery they are sent once the batch has committed. The catalog
 * is read once per run. A subscription whose customer another writer held (a payment, a credit note, another
 * run's batch) is claimed past for the rest of the run and billed at its end, one by one, waiting for its
 * customer then its row (rule L2 of the engine README). A subscription that fails is reported in `errors`, left
 * unchanged and skipped for the rest of the run; one billed for `maxPeriodsPerSubscription` periods (the engine's
 * `maxPeriodsPerRun` by default) and still due is left for the next run (`subscriptionsLeftDue`), so no argument
 * makes unbounded work. When a batch's writes conflict, its subscriptions are billed again one by one from fresh
 * reads.
 *
 * Idempotent (a second run for the same `now` finds nothing due), resumable (each batch commits whole, so a
 * crash loses at most the batch in flight, and a rerun bills exactly what is left), and safe to run from several
 * processes at once. Memory stays flat: only `concurrency` batches are held at a time (and the ids of the
 * subscriptions claimed past). A subscription held by a usage ingestion at the moment of the run's last claim stays due for
 * the next run.
 * @throws BillingError `invalid_input` for bad options, or a `now` more than the engine's `runHorizonDays` after the
 * clock's now; storage failures other than conflicts are re-thrown.
 * @example
 * ```ts
 * const summary = await runCycle(ctx, { now: '2026-02-01T00:00:00Z' });
 * // { invoicesCreated: 1250, subscriptionsBilled: 1300, totalsByCurrency: { EUR: '36250.00' }, errors: [], … }
 * ```
 */
export async function runCycle(ctx: EngineContext, options?: RunCycleOptions): Promise<RunCycleSummary> {
  const parsed = validate(RunCycleOptionsSchema, options, 'options');
  const telemetry = createStepTally(ctx.telemetry ?? billingTelemetry);
  const summary = await telemetry.measure('run', 'run', () => billDue({ ...ctx, telemetry }, parsed, telemetry));
  return { ...summary, measured: telemetry.figures() };
}

/** The run itself, reporting through the run's tally. */
async function billDue(
  ctx: EngineContext,
  parsed: z.output<typeof RunCycleOptionsSchema>,
  telemetry: StepTally,
): Promise<Omit<RunCycleSummary, 'measured'>> {
  const { batchSize, maxErrors, onBatch } = parsed;
  const clock = () => ctx.clock.now().getTime();
  const started = clock();
  const now = runInstant(ctx, parsed.now);
  const maxBoundaries = parsed.maxPeriodsPerSubscription ?? ctx.config.maxPeriodsPerRun;
  const billing = { now, maxBoundaries };
  const catalog = await telemetry.measure('run', 'catalog', () => loadCatalog(ctx.storage));
  const catalogMs = clock() - started;

  const failed = new Set<string>();
  /** Billed for `maxBoundaries` periods and still due: left for the next run. */
  const leftDue = new Set<string>();
  /** Subscriptions whose customer another writer held when a batch claimed them: billed at the end. */
  const deferred = new Set<string>();
  const errors: RunError[] = [];
  const totals = new Map<string, Money>();
  let invoicesCreated = 0;
  let subscriptionsBilled = 0;
  let batches = 0;
  let stoppedEarly = false;
  const account = async (batch: BilledBatch) => {
    batches += 1;
    countCommitted(telemetry, batch);
    invoicesCreated += batch.invoices.length;
    subscriptionsBilled += batch.advanced.length;
    for (const invoice of batch.invoices) {
      const sum = totals.get(invoice.currency) ?? money('0', invoice.currency);
      totals.set(invoice.currency, sum.add(money(invoice.total, invoice.currency)));
    }
    for (const error of batch.errors) {
      failed.add(error.subscriptionId);
      errors.push(error);
    }
    for (const subscription of batch.advanced) {
      if (subscription.nextBillingAt !== undefined && subscription.nextBillingAt <= now) leftDue.add(subscription.id);
    }
    await deliverAfterCommit(ctx, batch.outboxIds);
    await chargeFinalized(
      ctx,
      batch.invoices.filter((invoice) => invoice.status === 'open').map((invoice) => invoice.id),
    );
    await onBatch?.({
      batches,
      batchSubscriptionsBilled: batch.advanced.length,
      batchInvoicesCreated: batch.invoices.length,
      subscriptionsBilled,
      invoicesCreated,
      errors: errors.length,
    });
  };
  /** Bills batch after batch until nothing is due; several such loops run side by side on a concurrent storage. */
  let halted = false;
  const billBatches = async () => {
    /**
     * Where this loop's last claim ended: the next one starts past it (the rows before are billed, or another
     * loop's). Once nothing is due past it, one claim from the start takes what was skipped while locked.
     */
    let cursor: DuePosition | undefined;
    while (!halted) {
      if (failed.size >= maxErrors) {
        stoppedEarly = true;
        return;
      }
      let claimed: ClaimedBatch | undefined;
      const billBatch = async (): Promise<BilledBatch | undefined> => {
        try {
          return await ctx.storage.transaction(async (session) => {
            // Failed, capped and deferred subscriptions stay due and come first again: claim past them.
            const passed = [failed, leftDue, deferred];
            claimed = await claimBatch(session, now, batchSize, passed, cursor);
            if (claimed.due.length === 0 && cursor !== undefined) {
              cursor = undefined;
              claimed = await claimBatch(session, now, batchSize, passed);
            }
            const last = claimed.due.at(-1);
            if (last?.nextBillingAt !== undefined) cursor = { at: last.nextBillingAt, id: last.id };
            const { billable } = claimed;
            if (billable.length === 0) return undefined;
            return await billSubscriptions(session, ctx, billable, { catalog, ...billing, writeOutbox: true });
          });
        } catch (error) {
          if (!isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
          return await billOneByOne(ctx, claimed?.billable.map((s) => s.id) ?? [], catalog, billing);
        }
      };
      // The last claim finds nothing due: not a batch.
      const batch = await telemetry.measure('run', 'batch', billBatch, {
        skip: (billed) => billed === undefined,
        items: (billed) => billed?.advanced.length ?? 0,
      });
      if (claimed === undefined || claimed.due.length === 0) return;
      for (const id of claimed.held) deferred.add(id);
      if (batch !== undefined) await account(batch);
    }
  };
  const loops = ctx.storage.capabilities.transactions === 'serial' ? 1 : parsed.concurrency;
  const ended = await Promise.allSettled(
    Array.from({ length: loops }, () =>
      billBatches().catch((error: unknown) => {
        // One loop failing stops the others after their current batch; the error is thrown once all have ended.
        halted = true;
        throw error;
      }),
    ),
  );
  const failure = ended.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  if (!stoppedEarly && deferred.size > 0) {
    const last = await telemetry.measure('run', 'deferred', () => billOneByOne(ctx, [...deferred], catalog, billing), {
      items: (billed) => billed.advanced.length,
    });
    await account(last);
  }
  const finished = clock();
  return {
    now,
    invoicesCreated,
    subscriptionsBilled,
    totalsByCurrency: Object.fromEntries([...totals].map(([currency, total]) => [currency, total.toString()])),
    errors,
    stoppedEarly,
    subscriptionsLeftDue: leftDue.size,
    batches,
    durationMs: finished - started,
    steps: { catalog: { durationMs: catalogMs }, batches: { durationMs: finished - started - catalogMs } },
  };
}

/**
 * Counts what a committed batch did: its failures at their step and code (`billfold.run.errors`), its invoices
 * (`billfold.invoicing.items`) and their usage lines (`billfold.rating.items`). Counted after the commit, so a
 * batch rolled back and billed again one by one counts once.
 */
function countCommitted(telemetry: StepTally, batch: BilledBatch): void {
  for (const error of batch.errors) telemetry.error('run', error.step, error.code);
  telemetry.items('invoicing', 'finalize', batch.invoices.length);
  const usageLines = batch.invoices.reduce(
    (sum, invoice) => sum + invoice.lines.filter((line) => line.kind === 'usage').length,
    0,
  );
  telemetry.items('rating', 'usage', usageLines);
}
