import { type CatalogPrice, priceCurrencies, priceSpecIn } from '../../domain/catalog';
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
  /** Items the subscription already has: their prices may stay though archived since. */
  readonly kept?: readonly { readonly priceId: string }[];
}

/**
 * Reads and checks the prices of a subscription's items: each exists and is active with an active product (or is
 * already on the subscription, `terms.kept`), recurs (not `one_time`), has an amount in the subscription's
 * currency (its spec or a currency option: the item's price is returned as charged in it) and is on one schedule
 * (interval and count) with the others; a percentage price only bills usage in arrears; a metered price has its
 * meter and quantity `"1"`.
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
    const stored = await requireRecord(session.prices, item.priceId, 'price', path);
    if (terms.kept?.some((kept) => kept.priceId === stored.id) !== true) await assertOnSale(session, stored, path);
    if (stored.interval === 'one_time') refuse(`price ${stored.id} is one-time; a subscription needs recurring prices`);
    const priceInterval = stored.interval as BillingInterval;
    const spec = priceSpecIn(stored, terms.currency);
    if (spec === undefined) {
      refuse(
        `price ${stored.id} is in ${priceCurrencies(stored).join(', ')}; this subscription bills in ${terms.currency}`,
        BillingErrorCode.currencyMismatch,
      );
    }
    const price: CatalogPrice = spec === stored.spec ? stored : { ...stored, spec: spec as CatalogPrice['spec'] };
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

/**
 * Refuses a price that is archived, or whose product is: nothing new (a subscription, a change, an invoice line)
 * may be sold on it.
 * @throws BillingError `invalid_input` at `path`; `not_found` when its product is missing.
 */
export async function assertOnSale(
  session: StorageSession,
  price: CatalogPrice,
  path: readonly (string | number)[],
): Promise<void> {
  const refuse = (message: string): never => {
    throw new BillingError(BillingErrorCode.invalidInput, `Invalid ${path.join('.')}: ${message}`, { path });
  };
  if (!price.active) refuse(`price ${price.id} is archived`);
  const product = await requireRecord(session.products, price.productId, 'product', path);
  if (!product.active) refuse(`product ${product.id} of price ${price.id} is archived`);
}
