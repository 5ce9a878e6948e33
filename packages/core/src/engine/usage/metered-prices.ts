import { type CatalogPrice, type Meter, priceSpecIn } from '../../domain/catalog';
import type { Subscription } from '../../domain/subscription';
import type { Catalog } from '../run-cycle/catalog';

/** A subscription item billed in arrears from a meter's aggregated usage. */
export interface MeteredItem {
  readonly itemId: string;
  readonly price: CatalogPrice;
  readonly meter: Meter;
}

/**
 * The items of a subscription whose price is metered (`in_arrears` with a meter), with their price (as charged in
 * the subscription's currency) and meter from `catalog`. Items whose price or meter is missing from the catalog
 * are left out.
 */
export function meteredItems(subscription: Pick<Subscription, 'items' | 'currency'>, catalog: Catalog): MeteredItem[] {
  const items: MeteredItem[] = [];
  for (const item of subscription.items) {
    const stored = catalog.prices.get(item.priceId);
    if (stored === undefined || stored.timing !== 'in_arrears' || stored.meterId === undefined) continue;
    const meter = catalog.meters.get(stored.meterId);
    const spec = priceSpecIn(stored, subscription.currency) ?? stored.spec;
    const price = spec === stored.spec ? stored : { ...stored, spec };
    if (meter !== undefined) items.push({ itemId: item.id, price, meter });
  }
  return items;
}
