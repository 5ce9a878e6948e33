import {
  BalanceTransactionSchema,
  CatalogPriceSchema,
  CouponInputSchema,
  CreditNoteSchema,
  CustomerSchema,
  IdSchema,
  InvoiceLineSchema,
  InvoiceSchema,
  MeterInputSchema,
  PaymentSchema,
  ProductSchema,
  RefundSchema,
  SubscriptionSchema,
  TaxRateSchema,
  UsageEventSchema,
} from '@billfold/core';
import { describe, expect, it } from 'vitest';
import {
  makeBalanceTransaction,
  makeCatalogPrice,
  makeCoupon,
  makeCreditNote,
  makeCustomer,
  makeIdempotencyRecord,
  makeInvoice,
  makeInvoiceLine,
  makeMeter,
  makePayment,
  makeProduct,
  makeRefund,
  makeSubscription,
  makeTaxRate,
  makeUsageEvent,
} from '../src/index';

const cases = [
  ['makeCustomer', makeCustomer, CustomerSchema],
  ['makeProduct', makeProduct, ProductSchema],
  ['makeCatalogPrice', makeCatalogPrice, CatalogPriceSchema],
  ['makeMeter', makeMeter, MeterInputSchema],
  ['makeCoupon', makeCoupon, CouponInputSchema],
  ['makeTaxRate', makeTaxRate, TaxRateSchema],
  ['makeSubscription', makeSubscription, SubscriptionSchema],
  ['makeUsageEvent', makeUsageEvent, UsageEventSchema],
  ['makeInvoice', makeInvoice, InvoiceSchema],
  ['makeInvoiceLine', makeInvoiceLine, InvoiceLineSchema],
  ['makeCreditNote', makeCreditNote, CreditNoteSchema],
  ['makePayment', makePayment, PaymentSchema],
  ['makeRefund', makeRefund, RefundSchema],
  ['makeBalanceTransaction', makeBalanceTransaction, BalanceTransactionSchema],
] as const;

describe('record builders', () => {
  for (const [name, build, schema] of cases) {
    it(`${name} makes a complete record its schema accepts unchanged`, () => {
      const record = build();
      expect(schema.parse(record)).toStrictEqual(record);
      expect(IdSchema.safeParse(record.id).success).toBe(true);
    });
  }

  it('every builder makes a new, ascending id on each call', () => {
    for (const [, build] of cases) {
      const [first, second] = [build(), build()];
      expect(first.id < second.id, `${first.id} < ${second.id}`).toBe(true);
    }
  });

  it('applies overrides over the defaults', () => {
    const customer = makeCustomer({ id: 'cus_fixed', currency: 'JPY', metadata: { plan: 'gold' } });
    expect(customer).toMatchObject({ id: 'cus_fixed', currency: 'JPY', metadata: { plan: 'gold' }, version: 1 });
    expect(makeInvoice({ status: 'open', number: 'INV-1' })).toMatchObject({ status: 'open', number: 'INV-1' });
  });

  it('makes products with distinct, valid billing codes', () => {
    const [a, b] = [makeProduct(), makeProduct()];
    expect(a.billingCode).not.toBe(b.billingCode);
  });

  it('makes idempotency records with distinct keys and a JSON response', () => {
    const [a, b] = [makeIdempotencyRecord(), makeIdempotencyRecord()];
    expect(a.key).not.toBe(b.key);
    expect(JSON.parse(JSON.stringify(a.response))).toStrictEqual(a.response);
  });
});
