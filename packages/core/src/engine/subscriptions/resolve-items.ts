import type { CatalogPrice } from '../../domain/catalog';
import type { BillingInterval } from '../../periods/billing-periods';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';
import { requireRecord } from '../require-record';

/** A subscription item with its catalog price. */
export interface ResolvedItem {
  readonly priceId: string;
  readonly quantity: string;
  readonly price: CatalogPrice;
}

/** What every price of one subscription shares. */
export interface ItemTerms {
  readonly currency: string;
  /** The schedule the prices must follow; default: the first price's. */
  readonly interval?: BillingInterval;
  readonly intervalCount?: number;
}

/**
 * Reads and checks the prices of a subscription's items: each exists and is active, recurs (not `one_time`), is
 * in the subscription's currency and on one schedule (interval and count) with the others; a percentage price
 * only bills usage in arrears; a metered price has its meter and quantity `"1"`.
 * @param root the path of the input holding `items` (`["input"]`).
 * @throws BillingError `not_found`, `currency_mismatch` or `invalid_input` at `[...root, "items", i, field]`.
 */
export async function resolveItems(
  session: StorageSession,
  items: readonly { readonly priceId: string; readonly quantity: string }[],
  terms: ItemTerms,
  root: readonly (string | number)[],
): Promise<{ items: ResolvedItem[]; interval: BillingInterval; intervalCount: number }> {
  const resolved: ResolvedItem[] = [];
  let interval = terms.interval;
  let intervalCount = terms.intervalCount;
  for (const [i, item] of items.entries()) {
    const path = [...root, 'items', i, 'priceId'];
    const refuse = (message: string, code: BillingErrorCode = BillingErrorCode.invalidInput): never => {
      throw new BillingError(code, `Invalid ${path.join('.')}: ${message}`, { path });
    };
    const price = await requireRecord(session.prices, item.priceId, 'price', path);
    if (!price.active) refuse(`price ${price.id} is archived`);
    if (price.interval === 'one_time') refuse(`price ${price.id} is one-time; a subscription needs recurring prices`);
    const priceInterval = price.interval as BillingInterval;
    if (price.spec.currency !== terms.currency) {
      refuse(
        `price ${price.id} is in ${price.spec.currency}; this subscription bills in ${terms.currency}`,
        BillingErrorCode.currencyMismatch,
      );
    }
    interval ??= priceInterval;
    intervalCount ??= price.intervalCount;
    if (priceInterval !== interval || price.intervalCount !== intervalCount) {
      refuse(
        `price ${price.id} bills every ${price.intervalCount} ${priceInterval}; the subscription every ${intervalCount} ${interval}`,
      );
    }
    if (price.spec.model === 'percentage' && price.timing !== 'in_arrears') {
      refuse(`price ${price.id} is a percentage of transactions: it can only bill metered usage in arrears`);
    }
    if (price.meterId !== undefined) {
      await requireRecord(session.meters, price.meterId, 'meter', path);
      if (price.timing === 'in_arrears' && item.quantity !== '1') {
        const quantityPath = [...root, 'items', i, 'quantity'];
        throw new BillingError(
          BillingErrorCode.invalidInput,
          `Invalid ${quantityPath.join('.')}: a metered price takes quantity "1"`,
          {
            path: quantityPath,
          },
        );
      }
    }
    resolved.push({ priceId: item.priceId, quantity: item.quantity, price });
  }
  return { items: resolved, interval: interval as BillingInterval, intervalCount: intervalCount as number };
}
