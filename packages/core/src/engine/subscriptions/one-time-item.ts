import type { Customer } from '../../domain/customer';
import type { PendingLine } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { rate } from '../../pricing/rate';
import type { StorageSession } from '../../storage/storage-adapter';
import { assertMinorUnits } from '../amount-schemas';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { listAllById } from '../run-cycle/catalog';
import { priceIn, taxCodeRates } from '../run-cycle/catalog-lookup';
import { partialUnits } from '../run-cycle/period-charge';
import { assertOnSale } from './resolve-items';
import type { OneTimeItem } from './subscription-input';

/**
 * The pending line of a one-time item for a subscription in `currency` (`kind: 'one_off'`, with a new `pii_…` id):
 * a price must be `one_time`, on sale (neither it nor its product archived) and have an amount in `currency`; its
 * line is its product's name (× the quantity, in the customer's language), rated once now, with the product's
 * billing and tax codes. A given amount must fit the currency's minor unit. Its tax code (given, or the product's)
 * must have a rate for the customer's location now, so that the invoice it waits for can be made.
 * @param path where the item was given (`["input", "oneTimeItems", 0]`).
 * @throws BillingError `not_found`, `invalid_input` or `currency_mismatch` at `path` and below.
 */
export async function oneTimeItem(
  session: StorageSession,
  ctx: EngineContext,
  item: OneTimeItem,
  customer: Customer,
  currency: string,
  path: readonly (string | number)[],
): Promise<PendingLine> {
  const base = { id: ctx.ids('pii'), kind: 'one_off' as const, discountable: item.discountable };
  if (item.amount !== undefined) {
    assertMinorUnits(item.amount, currency, [...path, 'amount']);
    if (item.taxCode !== undefined) await assertTaxCodeApplies(session, customer, item.taxCode, [...path, 'taxCode']);
    return {
      ...base,
      description: item.description as string,
      amount: item.amount,
      ...(item.taxCode === undefined ? {} : { taxCode: item.taxCode }),
      ...(item.billingCode === undefined ? {} : { billingCode: item.billingCode }),
    };
  }
  const pricePath = [...path, 'priceId'];
  const stored = await requireRecord(session.prices, item.priceId as string, 'price', pricePath);
  await assertOnSale(session, stored, pricePath);
  if (stored.interval !== 'one_time') {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${pricePath.join('.')}: price ${stored.id} recurs every ${stored.interval}; a one-time item needs a one_time price (a recurring one is a subscription item)`,
      { path: pricePath },
    );
  }
  const price = priceIn(stored, currency, `the subscription in ${currency}`, pricePath);
  const product = await requireRecord(session.products, price.productId, 'product', pricePath);
  if (product.taxCode !== undefined) await assertTaxCodeApplies(session, customer, product.taxCode, pricePath);
  const quantity = item.quantity ?? '1';
  const amount = rate(price.spec, quantity, { roundingMode: ctx.config.roundingMode }).amount;
  return {
    ...base,
    description: item.description ?? ctx.config.lineTexts(customer.locale).quantity(product.name, quantity),
    amount,
    ...partialUnits(price, quantity, amount),
    billingCode: item.billingCode ?? product.billingCode,
    priceId: price.id,
    ...(product.taxCode === undefined ? {} : { taxCode: product.taxCode }),
  };
}

/** Refuses a tax code without a rate for the customer's location (`not_found` at `path`). */
async function assertTaxCodeApplies(
  session: StorageSession,
  customer: Customer,
  taxCode: string,
  path: readonly (string | number)[],
): Promise<void> {
  taxCodeRates((await listAllById((page) => session.taxRates.list(page))).values(), customer, taxCode, path);
}
