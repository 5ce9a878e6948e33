import { describe, expect, it } from 'vitest';
import { createTestClock } from '../clock/test-clock';
import { isBillingError } from '../errors/billing-error';
import { MemoryStorage } from '../storage/memory-storage';
import { createBilling } from './create-billing';
import { createEngineFixture, rejection, storageDump } from './test-fixture';

type Case = readonly [name: string, call: () => Promise<unknown>, code: string, path: readonly (string | number)[]];

describe('bad input gets a clear error and changes nothing', () => {
  it('for every entry point', async () => {
    const { billing, customer, storage } = await createEngineFixture();
    const product = await billing.catalog.products.create({
      name: 'Internet 100',
      billingCode: 'INT-100M',
      category: 'internet',
    });
    const eurPrice = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency: 'EUR', amount: '30.00' },
      interval: 'one_time',
    });
    const usdPrice = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency: 'USD', amount: '30.00' },
      interval: 'one_time',
    });
    const usdCoupon = await billing.catalog.coupons.create({
      name: '5 off',
      amountOff: '5',
      currency: 'USD',
      duration: 'once',
    });
    const open = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00' }],
      autoFinalize: true,
    });
    const line = (changes: object) => ({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00', ...changes }],
    });
    const cases: Case[] = [
      [
        'customers.create bad email',
        () => billing.customers.create({ name: 'X', email: 'nope', currency: 'EUR' }),
        'invalid_input',
        ['input', 'email'],
      ],
      [
        'customers.create unknown currency',
        () => billing.customers.create({ name: 'X', email: 'x@x.example', currency: 'EURO' }),
        'invalid_input',
        ['input', 'currency'],
      ],
      [
        'customers.create float terms',
        () => billing.customers.create({ name: 'X', email: 'x@x.example', currency: 'EUR', paymentTermsDays: 1.5 }),
        'invalid_input',
        ['input', 'paymentTermsDays'],
      ],
      [
        'customers.create unknown tax rate',
        () => billing.customers.create({ name: 'X', email: 'x@x.example', currency: 'EUR', taxRateIds: ['txr_nope'] }),
        'not_found',
        ['input', 'taxRateIds', 0],
      ],
      [
        'customers.create duplicate id',
        () => billing.customers.create({ id: customer.id, name: 'X', email: 'x@x.example', currency: 'EUR' }),
        'conflict',
        ['input', 'id'],
      ],
      [
        'customers.update unknown',
        () => billing.customers.update('cus_nope', { name: 'Y' }),
        'not_found',
        ['customerId'],
      ],
      [
        'customers.update bad zone',
        () => billing.customers.update(customer.id, { timeZone: 'Mars/Olympus' }),
        'invalid_input',
        ['changes', 'timeZone'],
      ],
      [
        'customers.update unknown field',
        () => billing.customers.update(customer.id, { nickname: 'Y' } as never),
        'invalid_input',
        ['changes', 'nickname'],
      ],
      ['customers.get unknown', () => billing.customers.get('cus_nope'), 'not_found', ['customerId']],
      ['customers.list bad limit', () => billing.customers.list({ limit: 0 }), 'invalid_input', ['filter', 'limit']],
      [
        'products.create bad code',
        () => billing.catalog.products.create({ name: 'X', billingCode: 'lower', category: 'x' }),
        'invalid_input',
        ['input', 'billingCode'],
      ],
      [
        'products.create duplicate code',
        () => billing.catalog.products.create({ name: 'X', billingCode: 'INT-100M', category: 'x' }),
        'conflict',
        ['input', 'billingCode'],
      ],
      ['products.get unknown', () => billing.catalog.products.get('prod_nope'), 'not_found', ['productId']],
      [
        'prices.create unknown product',
        () =>
          billing.catalog.prices.create({
            productId: 'prod_nope',
            spec: { model: 'flat', currency: 'EUR', amount: '1' },
            interval: 'month',
          }),
        'not_found',
        ['input', 'productId'],
      ],
      [
        'prices.create float amount',
        () =>
          billing.catalog.prices.create({
            productId: product.id,
            spec: { model: 'flat', currency: 'EUR', amount: 1.5 as never },
            interval: 'month',
          }),
        'invalid_input',
        ['input', 'spec', 'amount'],
      ],
      [
        'prices.create unknown meter',
        () =>
          billing.catalog.prices.create({
            productId: product.id,
            spec: { model: 'per_unit', currency: 'EUR', unitAmount: '1' },
            interval: 'month',
            timing: 'in_arrears',
            meterId: 'meter_nope',
          }),
        'not_found',
        ['input', 'meterId'],
      ],
      ['prices.get unknown', () => billing.catalog.prices.get('price_nope'), 'not_found', ['priceId']],
      [
        'meters.create no property',
        () => billing.catalog.meters.create({ name: 'Data', eventName: 'data', aggregation: 'sum' }),
        'invalid_input',
        ['input', 'property'],
      ],
      ['meters.get unknown', () => billing.catalog.meters.get('meter_nope'), 'not_found', ['meterId']],
      [
        'coupons.create both',
        () =>
          billing.catalog.coupons.create({
            name: 'X',
            percentOff: '5',
            amountOff: '5',
            currency: 'EUR',
            duration: 'once',
          }),
        'invalid_input',
        ['input', 'percentOff'],
      ],
      ['coupons.get unknown', () => billing.catalog.coupons.get('coupon_nope'), 'not_found', ['couponId']],
      [
        'taxRates.create float',
        () => billing.catalog.taxRates.create({ name: 'X', percentage: 19 as never, inclusive: false }),
        'invalid_input',
        ['input', 'percentage'],
      ],
      ['taxRates.get unknown', () => billing.catalog.taxRates.get('txr_nope'), 'not_found', ['taxRateId']],
      [
        'createOneOff unknown customer',
        () => billing.invoices.createOneOff({ ...line({}), customerId: 'cus_nope' }),
        'not_found',
        ['input', 'customerId'],
      ],
      [
        'createOneOff negative',
        () => billing.invoices.createOneOff(line({ amount: '-5.00' })),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'createOneOff float',
        () => billing.invoices.createOneOff(line({ amount: 19.99 })),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'createOneOff finer than cents',
        () => billing.invoices.createOneOff(line({ amount: '1.005' })),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'createOneOff no lines',
        () => billing.invoices.createOneOff({ customerId: customer.id, lines: [] }),
        'invalid_input',
        ['input', 'lines'],
      ],
      [
        'createOneOff amount and price',
        () => billing.invoices.createOneOff(line({ priceId: eurPrice.id })),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'createOneOff unknown price',
        () =>
          billing.invoices.createOneOff({
            customerId: customer.id,
            lines: [{ description: 'A', priceId: 'price_nope' }],
          }),
        'not_found',
        ['input', 'lines', 0, 'priceId'],
      ],
      [
        'createOneOff price currency',
        () =>
          billing.invoices.createOneOff({
            customerId: customer.id,
            lines: [{ description: 'A', priceId: usdPrice.id }],
          }),
        'currency_mismatch',
        ['input', 'lines', 0, 'priceId'],
      ],
      [
        'createOneOff coupon currency',
        () => billing.invoices.createOneOff({ ...line({}), couponId: usdCoupon.id }),
        'currency_mismatch',
        ['input', 'couponId'],
      ],
      [
        'createOneOff unknown coupon',
        () => billing.invoices.createOneOff({ ...line({}), couponId: 'coupon_nope' }),
        'not_found',
        ['input', 'couponId'],
      ],
      ['invoices.finalize open', () => billing.invoices.finalize(open.id), 'invalid_state', ['invoiceId']],
      [
        'invoices.list bad status',
        () => billing.invoices.list({ status: 'late' as never }),
        'invalid_input',
        ['filter', 'status'],
      ],
      ['balance.get unknown customer', () => billing.balance.get('cus_nope', 'EUR'), 'not_found', ['customerId']],
      ['balance.get bad currency', () => billing.balance.get(customer.id, 'ABC'), 'invalid_input', ['currency']],
      ['balance.transactions unknown', () => billing.balance.transactions('cus_nope'), 'not_found', ['customerId']],
    ];
    const before = await storageDump(storage);
    for (const [name, call, code, path] of cases) {
      const error = await rejection(call());
      expect([error.code, error.path], name).toEqual([code, path]);
      expect(error.message.length, name).toBeGreaterThan(10);
    }
    expect(await storageDump(storage)).toEqual(before);
  });

  it('for createBilling itself', () => {
    const attempt = (options: unknown) => {
      try {
        createBilling(options as never);
      } catch (error) {
        return isBillingError(error) ? [error.code, error.path] : 'other';
      }
      return 'ok';
    };
    const storage = new MemoryStorage();
    expect(attempt({})).toEqual(['invalid_input', ['options', 'storage']]);
    expect(attempt({ storage, clock: {} })).toEqual(['invalid_input', ['options', 'clock']]);
    expect(attempt({ storage, config: { numberDigits: 0 } })).toEqual(['invalid_input', ['config', 'numberDigits']]);
    expect(attempt({ storage, config: { cashRounding: { CHF: '-0.05' } } })).toEqual([
      'invalid_input',
      ['config', 'cashRounding', 'CHF'],
    ]);
    expect(
      attempt({
        storage,
        clock: createTestClock('2026-01-01T00:00:00Z'),
        config: { invoicePrefix: 'BILL', numberDigits: 4 },
      }),
    ).toBe('ok');
  });
});
