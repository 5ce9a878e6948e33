import { z } from 'zod';
import type { Aggregation } from '../../domain/catalog';
import { IdSchema, InstantInputSchema } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { formatFixed, parseFixed } from '../../money/fixed';
import { rate } from '../../pricing/rate';
import { rateTransactions } from '../../pricing/rate-transactions';
import type { EngineContext } from '../context';
import { loadCatalogFor } from '../run-cycle/catalog';
import { meteredItems } from './metered-prices';
import { ratesPerTransaction, transactionsOf } from './transactions';

/** What `usageSummary` takes: a subscription and, optionally, the window (default: its current period). */
export const UsageSummaryInputSchema = z.strictObject({
  subscriptionId: IdSchema,
  from: InstantInputSchema.optional(),
  to: InstantInputSchema.optional(),
});

/** What `usageSummary` takes; see {@link UsageSummaryInputSchema}. */
export type UsageSummaryInput = z.input<typeof UsageSummaryInputSchema>;

/** The usage of one metered price over a window, and what it would cost if billed now. */
export interface MeterUsage {
  readonly priceId: string;
  readonly meterId: string;
  readonly meterName: string;
  readonly eventName: string;
  readonly aggregation: Aggregation;
  /** The aggregated quantity, a decimal string. */
  readonly quantity: string;
  /**
   * The quantity rated against the price (a `percentage` price: each event's amount as one transaction), a decimal
   * string in the price's currency (an estimate until invoiced).
   */
  readonly amount: string;
  readonly currency: string;
}

/** The usage of a subscription's metered prices over `[from, to)`. */
export interface UsageSummary {
  readonly subscriptionId: string;
  readonly from: string;
  readonly to: string;
  readonly meters: readonly MeterUsage[];
}

/**
 * The aggregated usage per metered price of a subscription over `[from, to)`, by default its current period
 * (`currentPeriodStart` to `currentPeriodEnd`, or to `endedAt` when it ended earlier), in one `aggregate` call.
 * @throws BillingError `not_found` for an unknown subscription; `invalid_input` when `to` is not after `from`.
 */
export async function usageSummary(ctx: EngineContext, input: UsageSummaryInput): Promise<UsageSummary> {
  const query = validate(UsageSummaryInputSchema, input, 'input');
  const sub = await ctx.storage.subscriptions.get(query.subscriptionId);
  if (sub === undefined) {
    throw new BillingError(BillingErrorCode.notFound, `Subscription ${query.subscriptionId} not found`, {
      path: ['input', 'subscriptionId'],
    });
  }
  const periodEnd =
    sub.endedAt !== undefined && sub.endedAt < sub.currentPeriodEnd ? sub.endedAt : sub.currentPeriodEnd;
  const from = query.from ?? sub.currentPeriodStart;
  const to = query.to ?? periodEnd;
  if (to <= from) {
    throw new BillingError(BillingErrorCode.invalidInput, 'Invalid input.to: must be after from', {
      path: ['input', 'to'],
    });
  }
  const catalog = await loadCatalogFor(ctx.storage, { priceIds: sub.items.map((item) => item.priceId) });
  const items = meteredItems(sub, catalog);
  const queries = items.map(({ meter }) => ({
    subscriptionId: sub.id,
    eventName: meter.eventName,
    aggregation: meter.aggregation,
    ...(meter.property === undefined ? {} : { property: meter.property }),
    from,
    to,
  }));
  const quantities = await ctx.storage.usage.aggregate(queries);
  const transactions = await transactionsOf(
    ctx.storage,
    queries,
    items.map(({ price }) => ratesPerTransaction(price)),
  );
  return {
    subscriptionId: sub.id,
    from,
    to,
    meters: items.map(({ price, meter }, i) => {
      const quantity = formatFixed(parseFixed(quantities[i] ?? '0'));
      return {
        priceId: price.id,
        meterId: meter.id,
        meterName: meter.name,
        eventName: meter.eventName,
        aggregation: meter.aggregation,
        quantity,
        amount:
          price.spec.model === 'percentage'
            ? rateTransactions(price.spec, transactions[i] ?? []).amount
            : rate(price.spec, quantity).amount,
        currency: price.spec.currency,
      };
    }),
  };
}
