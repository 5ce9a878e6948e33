import { type Billing, priceSpecIn } from '@billfold/core';
import type { PriceView } from '../schemas/subscription-views';

/**
 * The customer's view of catalog prices in `currency` (the price's own amount or its currency option in it), with
 * their products' names and billing codes, in the order given. Prices without an amount in `currency` are left out;
 * with `onSale`, so are archived prices and prices of archived products (a customer can no longer switch to them).
 */
export async function priceViews(
  billing: Billing,
  priceIds: readonly string[],
  currency: string,
  options: { readonly onSale?: boolean } = {},
): Promise<PriceView[]> {
  const prices = await Promise.all([...new Set(priceIds)].map((id) => billing.catalog.prices.get(id)));
  const products = new Map(
    await Promise.all(
      [...new Set(prices.map((p) => p.productId))].map(
        async (id) => [id, await billing.catalog.products.get(id)] as const,
      ),
    ),
  );
  return prices.flatMap((price) => {
    const product = products.get(price.productId);
    const spec = priceSpecIn(price, currency);
    if (spec === undefined) return [];
    if (options.onSale === true && (!price.active || product?.active === false)) return [];
    return [
      {
        priceId: price.id,
        productId: price.productId,
        productName: product?.name ?? price.productId,
        billingCode: product?.billingCode ?? '',
        interval: price.interval,
        intervalCount: price.intervalCount,
        timing: price.timing,
        spec,
      },
    ];
  });
}
