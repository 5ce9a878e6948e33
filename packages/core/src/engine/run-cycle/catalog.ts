import type { CatalogPrice, Coupon, Meter, Product } from '../../domain/catalog';
import type { Page, PageRequest } from '../../domain/common';
import type { Subscription } from '../../domain/subscription';
import type { StorageSession } from '../../storage/storage-adapter';
import type { TaxRate } from '../../tax/tax-rate';

/** The catalog records billing needs, by id: loaded once per billing run, or just those one operation uses. */
export interface Catalog {
  readonly products: ReadonlyMap<string, Product>;
  readonly prices: ReadonlyMap<string, CatalogPrice>;
  readonly meters: ReadonlyMap<string, Meter>;
  readonly coupons: ReadonlyMap<string, Coupon>;
  readonly taxRates: ReadonlyMap<string, TaxRate>;
}

const PAGE = 1000;

/** Every record of a paged list, by id. */
export async function listAllById<T extends { id: string }>(
  list: (page: PageRequest) => Promise<Page<T>>,
): Promise<Map<string, T>> {
  const byId = new Map<string, T>();
  let cursor: string | undefined;
  do {
    const page = await list(cursor === undefined ? { limit: PAGE } : { limit: PAGE, cursor });
    for (const item of page.items) byId.set(item.id, item);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return byId;
}

/**
 * Loads the whole catalog (products, prices, meters, coupons, tax rates), page by page. A billing run calls it once,
 * so the work per subscription needs no catalog round trip.
 */
export async function loadCatalog(session: StorageSession): Promise<Catalog> {
  const [products, prices, meters, coupons, taxRates] = await Promise.all([
    listAllById((page) => session.products.list(page)),
    listAllById((page) => session.prices.list(page)),
    listAllById((page) => session.meters.list(page)),
    listAllById((page) => session.coupons.list(page)),
    listAllById((page) => session.taxRates.list(page)),
  ]);
  return { products, prices, meters, coupons, taxRates };
}

/**
 * Every price a subscription's billing may rate: its items', its scheduled changes' and its pending lines'
 * (one-time items and proration lines name theirs).
 */
export function subscriptionPriceIds(subscription: Subscription): string[] {
  const ids = new Set(subscription.items.map((item) => item.priceId));
  for (const change of subscription.scheduledChanges ?? []) {
    if (change.action === 'change_items') for (const item of change.items) ids.add(item.priceId);
  }
  for (const line of subscription.pendingLines) if (line.priceId !== undefined) ids.add(line.priceId);
  return [...ids];
}

/** The ids a single operation needs from the catalog (every tax rate is loaded: tax codes pick among them). */
export interface CatalogNeeds {
  readonly priceIds: Iterable<string>;
  readonly couponIds?: Iterable<string>;
}

async function getEach<T>(ids: Iterable<string>, get: (id: string) => Promise<T | undefined>): Promise<Map<string, T>> {
  const byId = new Map<string, T>();
  for (const id of new Set(ids)) {
    const record = await get(id);
    if (record !== undefined) byId.set(id, record);
  }
  return byId;
}

/**
 * Loads only the named prices and coupons (and the products and meters of those prices) by id, and every tax rate
 * (the customer's, and those a product's tax code picks), for operations on one subscription. Ids that do not
 * exist are simply missing from the maps.
 */
export async function loadCatalogFor(session: StorageSession, needs: CatalogNeeds): Promise<Catalog> {
  const prices = await getEach(needs.priceIds, (id) => session.prices.get(id));
  const meterIds = [...prices.values()].flatMap((price) => (price.meterId === undefined ? [] : [price.meterId]));
  const meters = await getEach(meterIds, (id) => session.meters.get(id));
  const products = await getEach(
    [...prices.values()].map((price) => price.productId),
    (id) => session.products.get(id),
  );
  const coupons = await getEach(needs.couponIds ?? [], (id) => session.coupons.get(id));
  const taxRates = await listAllById((page) => session.taxRates.list(page));
  return { products, prices, meters, coupons, taxRates };
}
