import { describe, expect, it } from 'vitest';
import { createBilling, createMemoryStorage } from '../../src/index';
import { customer, dump, recurringPrice, rejection, world } from './helpers';

type Case = readonly [name: string, call: () => Promise<unknown>, code: string, path: readonly (string | number)[]];

async function setup() {
  const w = world('2026-03-10T09:00:00Z');
  const { billing } = w;
  const vat = await billing.catalog.taxRates.create({
    id: 'vat19',
    name: 'VAT 19%',
    percentage: '19',
    inclusive: false,
  });
  const cus = await customer(billing, { taxRateIds: [vat.id] });
  const other = await customer(billing, { name: 'Bob', email: 'bob@example.com' });
  const price = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
  const usdPrice = await recurringPrice(billing, { model: 'flat', currency: 'USD', amount: '30.00' });
  const yearly = await recurringPrice(
    billing,
    { model: 'flat', currency: 'EUR', amount: '300.00' },
    { interval: 'year' },
  );
  const oneTime = await recurringPrice(
    billing,
    { model: 'flat', currency: 'EUR', amount: '5.00' },
    { interval: 'one_time' },
  );
  const meter = await billing.catalog.meters.create({
    name: 'calls',
    eventName: 'call',
    aggregation: 'sum',
    property: 'n',
  });
  const metered = await recurringPrice(
    billing,
    { model: 'per_unit', currency: 'EUR', unitAmount: '0.01' },
    { timing: 'in_arrears', meterId: meter.id },
  );
  const { subscription, invoices } = await billing.subscriptions.create({
    customerId: cus.id,
    items: [{ priceId: price.id }, { priceId: metered.id }],
  });
  const open = invoices[0];
  if (open === undefined) throw new Error('no first invoice');
  const draft = await billing.invoices.createOneOff({
    customerId: cus.id,
    lines: [{ description: 'D', amount: '1.00' }],
  });
  const payment = await billing.payments.record({
    customerId: other.id,
    amount: '10.00',
    currency: 'EUR',
    method: 'cash',
  });
  await billing.usage.ingest([{ id: 'u1', customerId: cus.id, eventName: 'call', properties: { n: '3' } }]);
  return {
    ...w,
    vat,
    cus,
    other,
    price,
    usdPrice,
    yearly,
    oneTime,
    meter,
    metered,
    subscription,
    open,
    draft,
    payment,
  };
}

describe('bad input: a BillingError with a stable code and path, and storage unchanged', () => {
  it('for every public engine entry', async () => {
    const s = await setup();
    const { billing } = s;
    const cases: Case[] = [
      // customers
      [
        'customers.create number currency',
        () => billing.customers.create({ name: 'X', email: 'x@x.io', currency: 1 as never }),
        'invalid_input',
        ['input', 'currency'],
      ],
      [
        'customers.create unknown zone',
        () => billing.customers.create({ name: 'X', email: 'x@x.io', currency: 'EUR', timeZone: 'Mars/Olympus' }),
        'invalid_input',
        ['input', 'timeZone'],
      ],
      [
        'customers.create bad tax status',
        () => billing.customers.create({ name: 'X', email: 'x@x.io', currency: 'EUR', taxStatus: 'free' as never }),
        'invalid_input',
        ['input', 'taxStatus'],
      ],
      [
        'customers.create unknown field',
        () => billing.customers.create({ name: 'X', email: 'x@x.io', currency: 'EUR', vip: true } as never),
        'invalid_input',
        ['input', 'vip'],
      ],
      [
        'customers.update bad email',
        () => billing.customers.update(s.cus.id, { email: 'no' }),
        'invalid_input',
        ['changes', 'email'],
      ],
      [
        'customers.update unknown tax rate',
        () => billing.customers.update(s.cus.id, { taxRateIds: ['txr_none'] }),
        'not_found',
        ['changes', 'taxRateIds', 0],
      ],
      ['customers.get bad id', () => billing.customers.get('a b'), 'invalid_input', ['customerId']],
      // catalog
      [
        'prices.create float amount',
        () =>
          billing.catalog.prices.create({
            productId: s.price.productId,
            spec: { model: 'flat', currency: 'EUR', amount: 30 as never },
            interval: 'month',
          }),
        'invalid_input',
        ['input', 'spec', 'amount'],
      ],
      [
        'prices.create unknown product',
        () =>
          billing.catalog.prices.create({
            productId: 'prod_none',
            spec: { model: 'flat', currency: 'EUR', amount: '1' },
            interval: 'month',
          }),
        'not_found',
        ['input', 'productId'],
      ],
      [
        'prices.create one-time in arrears',
        () =>
          billing.catalog.prices.create({
            productId: s.price.productId,
            spec: { model: 'flat', currency: 'EUR', amount: '1' },
            interval: 'one_time',
            timing: 'in_arrears',
          }),
        'invalid_input',
        ['input', 'timing'],
      ],
      [
        'prices.create tiers not increasing',
        () =>
          billing.catalog.prices.create({
            productId: s.price.productId,
            spec: {
              model: 'graduated',
              currency: 'EUR',
              tiers: [
                { upTo: '10', unitAmount: '1' },
                { upTo: '5', unitAmount: '1' },
                { upTo: null, unitAmount: '1' },
              ],
            },
            interval: 'month',
          }),
        'invalid_input',
        ['input', 'spec', 'tiers', 1, 'upTo'],
      ],
      [
        'products.create taken billing code',
        () => billing.catalog.products.create({ name: 'Dup', billingCode: 'P-1', category: 'x' }),
        'conflict',
        ['input', 'billingCode'],
      ],
      [
        'meters.create sum without property',
        () => billing.catalog.meters.create({ name: 'm', eventName: 'e', aggregation: 'sum' }),
        'invalid_input',
        ['input', 'property'],
      ],
      [
        'coupons.create both kinds',
        () =>
          billing.catalog.coupons.create({
            name: 'c',
            percentOff: '10',
            amountOff: '1',
            currency: 'EUR',
            duration: 'once',
          }),
        'invalid_input',
        ['input', 'percentOff'],
      ],
      [
        'coupons.create repeating without periods',
        () => billing.catalog.coupons.create({ name: 'c', percentOff: '10', duration: 'repeating' }),
        'invalid_input',
        ['input', 'durationPeriods'],
      ],
      [
        'taxRates.create negative',
        () => billing.catalog.taxRates.create({ name: 't', percentage: '-1', inclusive: false }),
        'invalid_input',
        ['input', 'percentage'],
      ],
      // subscriptions
      [
        'subscriptions.create unknown customer',
        () => billing.subscriptions.create({ customerId: 'cus_none', items: [{ priceId: s.price.id }] }),
        'not_found',
        ['input', 'customerId'],
      ],
      [
        'subscriptions.create no items',
        () => billing.subscriptions.create({ customerId: s.cus.id, items: [] }),
        'invalid_input',
        ['input', 'items'],
      ],
      [
        'subscriptions.create same price twice',
        () =>
          billing.subscriptions.create({
            customerId: s.cus.id,
            items: [{ priceId: s.price.id }, { priceId: s.price.id }],
          }),
        'invalid_input',
        ['input', 'items', 1, 'priceId'],
      ],
      [
        'subscriptions.create other currency',
        () => billing.subscriptions.create({ customerId: s.cus.id, items: [{ priceId: s.usdPrice.id }] }),
        'currency_mismatch',
        ['input', 'items', 0, 'priceId'],
      ],
      [
        'subscriptions.create mixed schedules',
        () =>
          billing.subscriptions.create({
            customerId: s.cus.id,
            items: [{ priceId: s.price.id }, { priceId: s.yearly.id }],
          }),
        'invalid_input',
        ['input', 'items', 1, 'priceId'],
      ],
      [
        'subscriptions.create one-time price',
        () => billing.subscriptions.create({ customerId: s.cus.id, items: [{ priceId: s.oneTime.id }] }),
        'invalid_input',
        ['input', 'items', 0, 'priceId'],
      ],
      [
        'subscriptions.create metered quantity',
        () => billing.subscriptions.create({ customerId: s.cus.id, items: [{ priceId: s.metered.id, quantity: '2' }] }),
        'invalid_input',
        ['input', 'items', 0, 'quantity'],
      ],
      [
        'subscriptions.create trial before start',
        () =>
          billing.subscriptions.create({
            customerId: s.cus.id,
            items: [{ priceId: s.price.id }],
            trialEnd: '2026-03-01T00:00:00Z',
          }),
        'invalid_input',
        ['input', 'trialEnd'],
      ],
      [
        'subscriptions.create float quantity',
        () =>
          billing.subscriptions.create({
            customerId: s.cus.id,
            items: [{ priceId: s.price.id, quantity: 2 as never }],
          }),
        'invalid_input',
        ['input', 'items', 0, 'quantity'],
      ],
      [
        'subscriptions.create unknown coupon',
        () =>
          billing.subscriptions.create({
            customerId: s.cus.id,
            items: [{ priceId: s.price.id }],
            couponId: 'coupon_none',
          }),
        'not_found',
        ['input', 'couponId'],
      ],
      [
        'subscriptions.change at outside period',
        () =>
          billing.subscriptions.change({
            subscriptionId: s.subscription.id,
            items: [{ priceId: s.price.id, quantity: '2' }],
            at: '2026-05-01T00:00:00Z',
          }),
        'invalid_state',
        ['input', 'at'],
      ],
      [
        'subscriptions.change at before period',
        () =>
          billing.subscriptions.change({
            subscriptionId: s.subscription.id,
            items: [{ priceId: s.price.id, quantity: '2' }],
            at: '2026-01-01T00:00:00Z',
          }),
        'invalid_input',
        ['input', 'at'],
      ],
      [
        'subscriptions.change other currency',
        () => billing.subscriptions.change({ subscriptionId: s.subscription.id, items: [{ priceId: s.usdPrice.id }] }),
        'currency_mismatch',
        ['input', 'items', 0, 'priceId'],
      ],
      [
        'subscriptions.change bad prorate',
        () =>
          billing.subscriptions.change({
            subscriptionId: s.subscription.id,
            items: [{ priceId: s.price.id }],
            prorate: 'always' as never,
          }),
        'invalid_input',
        ['input', 'prorate'],
      ],
      [
        'subscriptions.cancel missing atPeriodEnd',
        () => billing.subscriptions.cancel({ subscriptionId: s.subscription.id } as never),
        'invalid_input',
        ['input', 'atPeriodEnd'],
      ],
      [
        'subscriptions.cancel unknown',
        () => billing.subscriptions.cancel({ subscriptionId: 'sub_none', atPeriodEnd: true }),
        'not_found',
        ['input', 'subscriptionId'],
      ],
      [
        'subscriptions.cancel at not a date',
        () => billing.subscriptions.cancel({ subscriptionId: s.subscription.id, atPeriodEnd: false, at: 'tomorrow' }),
        'invalid_input',
        ['input', 'at'],
      ],
      [
        'subscriptions.preview unknown',
        () => billing.subscriptions.preview({ subscriptionId: 'sub_none' }),
        'not_found',
        ['input', 'subscriptionId'],
      ],
      // usage
      [
        'usage.ingest number property',
        () =>
          billing.usage.ingest([{ id: 'x1', customerId: s.cus.id, eventName: 'call', properties: { n: 3 as never } }]),
        'invalid_input',
        ['events', 0, 'properties', 'n'],
      ],
      [
        'usage.ingest negative property',
        () => billing.usage.ingest([{ id: 'x1', customerId: s.cus.id, eventName: 'call', properties: { n: '-1' } }]),
        'invalid_input',
        ['events', 0, 'properties', 'n'],
      ],
      [
        'usage.ingest unknown event',
        () => billing.usage.ingest([{ id: 'x1', customerId: s.cus.id, eventName: 'nope', properties: {} }]),
        'invalid_input',
        ['events', 0, 'eventName'],
      ],
      [
        'usage.ingest unknown customer (2nd)',
        () =>
          billing.usage.ingest([
            { id: 'x1', customerId: s.cus.id, eventName: 'call', properties: { n: '1' } },
            { id: 'x2', customerId: 'cus_none', eventName: 'call', properties: { n: '1' } },
          ]),
        'not_found',
        ['events', 1, 'customerId'],
      ],
      [
        'usage.ingest other customer sub',
        () =>
          billing.usage.ingest([
            {
              id: 'x1',
              customerId: s.other.id,
              subscriptionId: s.subscription.id,
              eventName: 'call',
              properties: { n: '1' },
            },
          ]),
        'invalid_input',
        ['events', 0, 'subscriptionId'],
      ],
      ['usage.ingest empty', () => billing.usage.ingest([]), 'invalid_input', ['events']],
      [
        'usage.summary to before from',
        () =>
          billing.usage.summary({
            subscriptionId: s.subscription.id,
            from: '2026-03-20T00:00:00Z',
            to: '2026-03-10T00:00:00Z',
          }),
        'invalid_input',
        ['input', 'to'],
      ],
      // invoices
      [
        'invoices.createOneOff negative amount',
        () => billing.invoices.createOneOff({ customerId: s.cus.id, lines: [{ description: 'x', amount: '-1.00' }] }),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'invoices.createOneOff finer than cents',
        () => billing.invoices.createOneOff({ customerId: s.cus.id, lines: [{ description: 'x', amount: '1.001' }] }),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'invoices.createOneOff amount and price',
        () =>
          billing.invoices.createOneOff({
            customerId: s.cus.id,
            lines: [{ description: 'x', amount: '1.00', priceId: s.price.id }],
          }),
        'invalid_input',
        ['input', 'lines', 0, 'amount'],
      ],
      [
        'invoices.createOneOff price other currency',
        () =>
          billing.invoices.createOneOff({
            customerId: s.cus.id,
            lines: [{ description: 'x', priceId: s.usdPrice.id }],
          }),
        'currency_mismatch',
        ['input', 'lines', 0, 'priceId'],
      ],
      [
        'invoices.createOneOff unknown price (2nd)',
        () =>
          billing.invoices.createOneOff({
            customerId: s.cus.id,
            lines: [
              { description: 'x', amount: '1.00' },
              { description: 'y', priceId: 'price_none' },
            ],
          }),
        'not_found',
        ['input', 'lines', 1, 'priceId'],
      ],
      [
        'invoices.createOneOff unknown customer',
        () => billing.invoices.createOneOff({ customerId: 'cus_none', lines: [{ description: 'x', amount: '1.00' }] }),
        'not_found',
        ['input', 'customerId'],
      ],
      ['invoices.finalize unknown', () => billing.invoices.finalize('inv_none'), 'not_found', ['invoiceId']],
      ['invoices.finalize open', () => billing.invoices.finalize(s.open.id), 'invalid_state', ['invoiceId']],
      ['invoices.void draft', () => billing.invoices.void(s.draft.id), 'invalid_state', ['invoiceId']],
      ['invoices.void bad id', () => billing.invoices.void(''), 'invalid_input', ['invoiceId']],
      [
        'invoices.markUncollectible draft',
        () => billing.invoices.markUncollectible(s.draft.id),
        'invalid_state',
        ['invoiceId'],
      ],
      [
        'invoices.list bad status',
        () => billing.invoices.list({ status: 'late' as never }),
        'invalid_input',
        ['filter', 'status'],
      ],
      // credit notes
      [
        'creditNotes.create draft',
        () => billing.creditNotes.create({ invoiceId: s.draft.id, amount: '1.00', reason: 'other' }),
        'invalid_state',
        ['input', 'invoiceId'],
      ],
      [
        'creditNotes.create zero',
        () => billing.creditNotes.create({ invoiceId: s.open.id, amount: '0', reason: 'other' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'creditNotes.create too much',
        () => billing.creditNotes.create({ invoiceId: s.open.id, amount: '35.71', reason: 'other' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'creditNotes.create unknown line',
        () =>
          billing.creditNotes.create({
            invoiceId: s.open.id,
            lines: [{ invoiceLineId: 'il_none', description: 'x', amount: '1.00' }],
            reason: 'other',
          }),
        'not_found',
        ['input', 'lines', 0, 'invoiceLineId'],
      ],
      [
        'creditNotes.create both',
        () =>
          billing.creditNotes.create({
            invoiceId: s.open.id,
            amount: '1.00',
            lines: [{ description: 'x', amount: '1.00' }],
            reason: 'other',
          }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'creditNotes.create bad reason',
        () => billing.creditNotes.create({ invoiceId: s.open.id, amount: '1.00', reason: 'because' as never }),
        'invalid_input',
        ['input', 'reason'],
      ],
      [
        'creditNotes.create finer than cents',
        () => billing.creditNotes.create({ invoiceId: s.open.id, amount: '1.005', reason: 'other' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      // payments
      [
        'payments.record float',
        () => billing.payments.record({ customerId: s.cus.id, amount: 10 as never, currency: 'EUR', method: 'cash' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'payments.record zero',
        () => billing.payments.record({ customerId: s.cus.id, amount: '0.00', currency: 'EUR', method: 'cash' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'payments.record bad method',
        () =>
          billing.payments.record({
            customerId: s.cus.id,
            amount: '1.00',
            currency: 'EUR',
            method: 'bitcoin' as never,
          }),
        'invalid_input',
        ['input', 'method'],
      ],
      [
        'payments.record allocations exceed',
        () =>
          billing.payments.record({
            customerId: s.cus.id,
            amount: '1.00',
            currency: 'EUR',
            method: 'cash',
            allocations: [{ invoiceId: s.open.id, amount: '2.00' }],
          }),
        'invalid_input',
        ['input', 'allocations'],
      ],
      [
        'payments.record same invoice twice',
        () =>
          billing.payments.record({
            customerId: s.cus.id,
            amount: '2.00',
            currency: 'EUR',
            method: 'cash',
            allocations: [
              { invoiceId: s.open.id, amount: '1.00' },
              { invoiceId: s.open.id, amount: '1.00' },
            ],
          }),
        'invalid_input',
        ['input', 'allocations', 1, 'invoiceId'],
      ],
      [
        'payments.record other customer invoice',
        () =>
          billing.payments.record({
            customerId: s.other.id,
            amount: '1.00',
            currency: 'EUR',
            method: 'cash',
            allocations: [{ invoiceId: s.open.id, amount: '1.00' }],
          }),
        'not_found',
        ['input', 'allocations', 0, 'invoiceId'],
      ],
      [
        'payments.record draft invoice',
        () =>
          billing.payments.record({
            customerId: s.cus.id,
            amount: '1.00',
            currency: 'EUR',
            method: 'cash',
            allocations: [{ invoiceId: s.draft.id, amount: '1.00' }],
          }),
        'invalid_state',
        ['input', 'allocations', 0, 'invoiceId'],
      ],
      [
        'payments.refund too much',
        () => billing.payments.refund({ paymentId: s.payment.id, amount: '10.01' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      [
        'payments.refund unknown',
        () => billing.payments.refund({ paymentId: 'pay_none', amount: '1.00' }),
        'not_found',
        ['input', 'paymentId'],
      ],
      [
        'payments.refund finer than cents',
        () => billing.payments.refund({ paymentId: s.payment.id, amount: '1.001' }),
        'invalid_input',
        ['input', 'amount'],
      ],
      // balance and run
      ['balance.get unknown currency', () => billing.balance.get(s.cus.id, 'EURO'), 'invalid_input', ['currency']],
      ['balance.get unknown customer', () => billing.balance.get('cus_none', 'EUR'), 'not_found', ['customerId']],
      ['runCycle bad batch size', () => billing.runCycle({ batchSize: 0 }), 'invalid_input', ['options', 'batchSize']],
      ['runCycle bad now', () => billing.runCycle({ now: 'soon' }), 'invalid_input', ['options', 'now']],
    ];
    const failures: string[] = [];
    for (const [name, call, code, path] of cases) {
      const before = await dump(s.storage);
      const error = await rejection(call());
      const after = await dump(s.storage);
      if (error.code !== code || JSON.stringify(error.path) !== JSON.stringify(path))
        failures.push(`${name}: got ${error.code} ${JSON.stringify(error.path)} (${error.message})`);
      if (typeof error.message !== 'string' || error.message.length === 0) failures.push(`${name}: no message`);
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${name}: storage changed`);
    }
    expect(failures).toEqual([]);
    // The numbering was not touched either: the next finalized invoice takes the next number.
    const next = await billing.invoices.finalize(s.draft.id);
    expect(next.number).toBe('INV-2026-000002');
  });

  it('an idempotency key reused with another request is a conflict and changes nothing', async () => {
    const s = await setup();
    const first = await s.billing.payments.record({
      customerId: s.cus.id,
      amount: '5.00',
      currency: 'EUR',
      method: 'cash',
      idempotencyKey: 'k1',
    });
    const replay = await s.billing.payments.record({
      customerId: s.cus.id,
      amount: '5.00',
      currency: 'EUR',
      method: 'cash',
      idempotencyKey: 'k1',
    });
    expect(replay).toEqual(first);
    const before = await dump(s.storage);
    const error = await rejection(
      s.billing.payments.record({
        customerId: s.cus.id,
        amount: '6.00',
        currency: 'EUR',
        method: 'cash',
        idempotencyKey: 'k1',
      }),
    );
    expect([error.code, error.path]).toEqual(['conflict', ['input', 'idempotencyKey']]);
    expect(await dump(s.storage)).toEqual(before);
    // Keys are scoped by operation: the same key on a credit note is a new request.
    const note = await s.billing.creditNotes.create({
      invoiceId: s.open.id,
      amount: '1.00',
      reason: 'other',
      idempotencyKey: 'k1',
    });
    const again = await s.billing.creditNotes.create({
      invoiceId: s.open.id,
      amount: '1.00',
      reason: 'other',
      idempotencyKey: 'k1',
    });
    expect(again.id).toBe(note.id);
    expect((await s.billing.invoices.get(s.open.id)).amountCredited).toBe('1.00');
  });

  it('createBilling refuses a bad config', async () => {
    const error = await rejection(
      (async () => createBilling({ storage: createMemoryStorage(), config: { invoicePrefix: 'inv-' } }))(),
    );
    expect([error.code, error.path]).toEqual(['invalid_input', ['config', 'invoicePrefix']]);
  });
});
