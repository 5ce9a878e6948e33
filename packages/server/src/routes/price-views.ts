import type { Billing } from '@billfold/core';
import type { PriceView } from '../schemas/subscription-views';

/** The customer's view of catalog prices, with their products' names and billing codes, in the order given. */
export async function priceViews(billing: Billing, priceIds: readonly string[]): Promise<PriceView[]> {
  const prices = await Promise.all([...new Set(priceIds)].map((id) => billing.catalog.prices.get(id)));
  const products = new Map(
    await Promise.all(
      [...new Set(prices.map((p) => p.productId))].map(
        async (id) => [id, await billing.catalog.products.get(id)] as const,
      ),
    ),
  );
  return prices.map((price) => {
    const product = products.get(price.productId);
    return {
      priceId: price.id,
      productId: price.productId,
      productName: product?.name ?? price.productId,
      billingCode: product?.billingCode ?? '',
      interval: price.interval,
      intervalCount: price.intervalCount,
      timing: price.timing,
      spec: price.spec,
    };
  });
}
