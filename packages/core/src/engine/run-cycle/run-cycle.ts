import { z } from 'zod';
import { InstantInputSchema } from '../../domain/common';
import { BillingError, BillingErrorCode, isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { type Money, money } from '../../money/money';
import type { EngineContext } from '../context';
import { deliverNotifications } from '../notify';
import { type BilledBatch, billSubscriptions } from './bill-subscriptions';
import { type Catalog, loadCatalog } from './catalog';
import { type RunError, runError } from './run-error';

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
    /** Stop the run once this many subscriptions have failed (default 1000), so a broken catalog cannot spin it. */
    maxErrors: z.number().int().min(1).max(1_000_000).default(1000),
    /**
     * Called after each batch has committed and its notifications have gone out (awaited), e.g. to report
     * progress. When it throws, the run stops with that error; the batches committed so far stay billed.
     */
    onBatch: ProgressCallbackSchema.optional(),
  })
  .default({ batchSize: 500, maxErrors: 1000 });

/** Options of {@link runCycle}; see {@link RunCycleOptionsSchema}. */
export type RunCycleOptions = z.input<typeof RunCycleOptionsSchema>;

/** What a billing run did. Durations come from the engine's clock (a test clock reports 0). */
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
}

/**
 * Bills every subscription whose `nextBillingAt` is at or before `now`, batch by batch: each batch is one
 * transaction that claims up to `batchSize` due subscriptions (`claimDue`, skip-locked where the storage has row
 * locks), bills them with `billSubscriptions` and commits; notifications go out after the commit. The
 * catalog is read once per run. A subscription that fails is reported in `errors`, left unchanged and skipped
 * for the rest of the run; one billed for `maxPeriodsPerSubscription` periods (the engine's `maxPeriodsPerRun` by
 * default) and still due is left for the next run (`subscriptionsLeftDue`), so no argument makes unbounded work. When a batch's writes conflict (another process billed some of the same
 * subscriptions on storage without row locks), its subscriptions are billed again one by one from fresh reads.
 *
 * Idempotent (a second run for the same `now` finds nothing due), resumable (each batch commits whole, so a
 * crash loses at most the batch in flight, and a rerun bills exactly what is left), and safe to run from several
 * processes at once. Memory stays flat: only one batch is held at a time.
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
  const { batchSize, maxErrors, onBatch } = parsed;
  const clock = () => ctx.clock.now().getTime();
  const started = clock();
  const now = runInstant(ctx, parsed.now);
  const maxBoundaries = parsed.maxPeriodsPerSubscription ?? ctx.config.maxPeriodsPerRun;
  const billing = { now, maxBoundaries };
  const catalog = await loadCatalog(ctx.storage);
  const catalogMs = clock() - started;

  const failed = new Set<string>();
  /** Billed for `maxBoundaries` periods and still due: left for the next run. */
  const leftDue = new Set<string>();
  const errors: RunError[] = [];
  const totals = new Map<string, Money>();
  let invoicesCreated = 0;
  let subscriptionsBilled = 0;
  let batches = 0;
  let stoppedEarly = false;
  for (;;) {
    if (failed.size >= maxErrors) {
      stoppedEarly = true;
      break;
    }
    let claimedIds: string[] = [];
    let batch: BilledBatch | undefined;
    try {
      batch = await ctx.storage.transaction(async (session) => {
        // Failed and capped subscriptions stay due and come first again: claim past them.
        const skipped = failed.size + leftDue.size;
        const claimed = await session.subscriptions.claimDue({ now, limit: batchSize + skipped });
        const due = claimed.filter((s) => !failed.has(s.id) && !leftDue.has(s.id)).slice(0, batchSize);
        claimedIds = due.map((s) => s.id);
        return due.length === 0 ? undefined : billSubscriptions(session, ctx, due, { catalog, ...billing });
      });
    } catch (error) {
      if (!isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
      batch = await billOneByOne(ctx, claimedIds, catalog, billing);
    }
    if (batch === undefined) break;
    batches += 1;
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
    await deliverNotifications(ctx, batch.notifications);
    await onBatch?.({
      batches,
      batchSubscriptionsBilled: batch.advanced.length,
      batchInvoicesCreated: batch.invoices.length,
      subscriptionsBilled,
      invoicesCreated,
      errors: errors.length,
    });
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
 * The instant a run bills up to: `requested`, or the clock's now.
 * @throws BillingError `invalid_input` at `["options", "now"]` beyond the engine's `runHorizonDays` past the clock.
 */
function runInstant(ctx: EngineContext, requested: string | undefined): string {
  const clockNow = ctx.clock.now();
  if (requested === undefined) return clockNow.toISOString();
  const horizon = clockNow.getTime() + ctx.config.runHorizonDays * DAY_MS;
  if (Date.parse(requested) > horizon) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid options.now: ${requested} is more than ${ctx.config.runHorizonDays} days (the engine's runHorizonDays) after the clock's now, ${clockNow.toISOString()}`,
      { path: ['options', 'now'] },
    );
  }
  return requested;
}

const DAY_MS = 86_400_000;

/** Bills each subscription in its own transaction from a fresh read, skipping those no longer due. */
async function billOneByOne(
  ctx: EngineContext,
  ids: readonly string[],
  catalog: Catalog,
  billing: { readonly now: string; readonly maxBoundaries: number },
): Promise<BilledBatch> {
  const { now } = billing;
  const merged = { invoices: [], advanced: [], errors: [], notifications: [] } as {
    [K in keyof BilledBatch]: BilledBatch[K][number][];
  };
  for (const id of ids) {
    try {
      const batch = await ctx.storage.transaction(async (session) => {
        const fresh = await session.subscriptions.get(id);
        if (fresh?.nextBillingAt === undefined || fresh.nextBillingAt > now) return undefined;
        return billSubscriptions(session, ctx, [fresh], { catalog, ...billing });
      });
      if (batch === undefined) continue;
      merged.invoices.push(...batch.invoices);
      merged.advanced.push(...batch.advanced);
      merged.errors.push(...batch.errors);
      merged.notifications.push(...batch.notifications);
    } catch (error) {
      if (!isBillingError(error)) throw error;
      merged.errors.push(runError(id, 'write', error));
    }
  }
  return merged;
}
