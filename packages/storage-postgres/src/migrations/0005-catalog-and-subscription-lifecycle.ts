import type { Migration } from './migration';

/**
 * What the catalog and subscriptions of issue 9 store (version 5; version 4 is the collections outbox). Every column
 * is nullable, so the rows stored before keep their meaning: no tax code (the customer's rates), one currency, a
 * coupon for every line, a subscription neither paused nor with changes waiting.
 * - `products.tax_code`: what the product is for tax;
 * - `tax_rates.tax_code`, `country`, `region`: a rate of a tax code and where it applies;
 * - `prices.currency_options`: the price's specs in other currencies (jsonb array);
 * - `coupons.applies_to`: the products and prices a coupon is limited to (jsonb);
 * - `subscriptions.pause`: the pause in effect (jsonb), `subscriptions.scheduled_changes`: changes waiting for a
 *   boundary (jsonb array).
 * Pending one-time items live in `subscriptions.pending_lines` and graduated tiers in `invoices.lines` (jsonb, as
 * before): their new fields need no column.
 */
export const catalogAndSubscriptionLifecycleMigration: Migration = {
  version: 5,
  name: 'catalog-and-subscription-lifecycle',
  statements: [
    'ALTER TABLE products ADD COLUMN tax_code text',
    'ALTER TABLE tax_rates ADD COLUMN tax_code text, ADD COLUMN country text, ADD COLUMN region text',
    'ALTER TABLE prices ADD COLUMN currency_options jsonb',
    'ALTER TABLE coupons ADD COLUMN applies_to jsonb',
    'ALTER TABLE subscriptions ADD COLUMN pause jsonb, ADD COLUMN scheduled_changes jsonb',
  ],
};
