import type { CatalogPrice, Meter } from '../../domain/catalog';
import type { Subscription } from '../../domain/subscription';
import type { Catalog } from '../run-cycle/catalog';

/** A subscription item billed in arrears from a meter's aggregated usage. */
export interface MeteredItem {
  readonly itemId: string;
  readonly price: CatalogPrice;
  readonly meter: Meter;
}

/**
 * The items of a subscription whose price is metered (`in_arrears` with a meter), with their price and meter
 * from `catalog`. Items whose price or meter is missing from the catalog are left out.
 */
export function meteredItems(subscription: Pick<Subscription, 'items'>, catalog: Catalog): MeteredItem[] {
  const items: MeteredItem[] = [];
  for (const item of subscription.items) {
    const price = catalog.prices.get(item.priceId);
    if (price === undefined || price.timing !== 'in_arrears' || price.meterId === undefined) continue;
    const meter = catalog.meters.get(price.meterId);
    if (meter !== undefined) items.push({ itemId: item.id, price, meter });
  }
  return items;
}
