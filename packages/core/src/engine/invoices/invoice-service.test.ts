import { describe, expect, it } from 'vitest';
import { createEngineFixture, rejection, storageDump } from '../test-fixture';

describe('invoices', () => {
  it('creates a one-off invoice with 19% VAT and finalizes it with number, snapshot and due date', async () => {
    const { billing, customer, notifications } = await createEngineFixture();
    const product = await billing.catalog.products.create({
      name: 'Support hour',
      billingCode: 'SUP-HOUR',
      category: 'services',
    });
    const price = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'per_unit', currency: 'EUR', unitAmount: '25.00' },
      interval: 'one_time',
    });
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [
        { description: 'Installation', amount: '100.00' },
        { description: 'Support', priceId: price.id, quantity: '2' },
      ],
      autoFinalize: true,
    });
    // 100.00 + 2 × 25.00 = 150.00; VAT 19 % rounded once over the lines: 28.50; total 178.50.
    expect(invoice).toMatchObject({
      number: 'INV-2026-000001',
      sequence: 'INV-2026',
      status: 'open',
      subtotal: '150.00',
      taxTotal: '28.50',
      total: '178.50',
      creditApplied: '0.00',
      amountDue: '178.50',
      amountRemaining: '178.50',
      amountPaid: '0.00',
      issuedAt: '2026-01-10T09:00:00.000Z',
      // 10 Jan + 14 days = 24 Jan, end of day in Berlin (UTC+1): 22:59:59.999 UTC.
      dueAt: '2026-01-24T22:59:59.999Z',
      customerSnapshot: {
        name: 'Acme GmbH',
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        taxStatus: 'taxable',
        timeZone: 'Europe/Berlin',
      },
    });
    expect(invoice.lines.map((l) => [l.amount, l.taxes[0]?.amount, l.billingCode, l.unitAmount])).toEqual([
      ['100.00', '19.00', undefined, undefined],
      ['50.00', '9.50', 'SUP-HOUR', '25.00'],
    ]);
    expect(invoice.taxes).toEqual([{ rateId: 'txr_de_vat', taxableAmount: '150.00', amount: '28.50' }]);
    // Delivered from the outbox, carrying the key it was stored under.
    expect(notifications).toEqual([
      {
        type: 'invoice.finalized',
        customerId: customer.id,
        invoiceId: invoice.id,
        occurredAt: '2026-01-10T09:00:00.000Z',
        dedupeKey: `invoice.finalized/${invoice.id}`,
      },
    ]);
    expect(await billing.invoices.get(invoice.id)).toEqual(invoice);
  });

  it('numbers gaplessly at finalization only: drafts take no number', async () => {
    const { billing, customer, clock } = await createEngineFixture();
    const line = [{ description: 'Work', amount: '10.00' }];
    const first = await billing.invoices.createOneOff({ customerId: customer.id, lines: line, autoFinalize: true });
    const draft = await billing.invoices.createOneOff({ customerId: customer.id, lines: line });
    expect(draft.status).toBe('draft');
    expect(draft.number).toBeUndefined();
    const second = await billing.invoices.createOneOff({ customerId: customer.id, lines: line, autoFinalize: true });
    clock.advance({ days: 2 });
    const third = await billing.invoices.finalize(draft.id);
    expect([first.number, second.number, third.number]).toEqual([
      'INV-2026-000001',
      'INV-2026-000002',
      'INV-2026-000003',
    ]);
    expect(third).toMatchObject({
      status: 'open',
      issuedAt: '2026-01-12T09:00:00.000Z',
      dueAt: '2026-01-26T22:59:59.999Z',
      version: 2,
    });
    // a new year starts a new sequence
    clock.set('2027-01-01T00:30:00Z');
    const nextYear = await billing.invoices.createOneOff({ customerId: customer.id, lines: line, autoFinalize: true });
    expect(nextYear.number).toBe('INV-2027-000001');
  });

  it('keeps the customer snapshot of a finalized invoice when the customer changes later', async () => {
    const { billing, customer } = await createEngineFixture();
    const before = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    const updated = await billing.customers.update(customer.id, {
      name: 'Acme Holding AG',
      address: { line1: 'Bahnhofstrasse 5', city: 'Zürich', country: 'CH' },
    });
    expect(updated).toMatchObject({
      name: 'Acme Holding AG',
      version: 2,
      paymentTermsDays: 14,
      taxRateIds: ['txr_de_vat'],
    });
    const after = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    expect((await billing.invoices.get(before.id)).customerSnapshot).toEqual(before.customerSnapshot);
    expect(before.customerSnapshot?.name).toBe('Acme GmbH');
    expect(before.customerSnapshot?.address?.city).toBe('Berlin');
    expect(after.customerSnapshot?.name).toBe('Acme Holding AG');
  });

  it('applies a coupon once, and uses no tax for exempt customers', async () => {
    const { billing, customer } = await createEngineFixture();
    const coupon = await billing.catalog.coupons.create({ name: '10% off', percentOff: '10', duration: 'once' });
    const discounted = await billing.invoices.createOneOff({
      customerId: customer.id,
      couponId: coupon.id,
      lines: [{ description: 'Work', amount: '200.00' }],
    });
    // 200.00 − 10% = 180.00; VAT 34.20; total 214.20
    expect(discounted).toMatchObject({ discountTotal: '20.00', taxTotal: '34.20', total: '214.20' });
    await billing.customers.update(customer.id, { taxStatus: 'reverse_charge' });
    const reverse = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '200.00' }],
    });
    expect(reverse).toMatchObject({
      taxTotal: '0.00',
      total: '200.00',
      notes: ['Reverse charge: VAT to be accounted for by the recipient'],
    });
  });

  it('voids only open invoices with nothing paid, and gives applied credit back', async () => {
    const { billing, customer, storage } = await createEngineFixture();
    const lines = [{ description: 'Work', amount: '100.00' }];
    // An overpayment leaves 31.00 of credit; the next invoice (119.00) applies it.
    await billing.payments.record({ customerId: customer.id, amount: '31.00', currency: 'EUR', method: 'cash' });
    const invoice = await billing.invoices.createOneOff({ customerId: customer.id, lines, autoFinalize: true });
    expect(invoice).toMatchObject({ total: '119.00', creditApplied: '31.00', amountDue: '88.00' });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
    const voided = await billing.invoices.void(invoice.id);
    expect(voided).toMatchObject({ status: 'void', voidedAt: '2026-01-10T09:00:00.000Z', amountRemaining: '0.00' });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('31.00');

    const again = await rejection(billing.invoices.void(invoice.id));
    expect([again.code, again.path]).toEqual(['invalid_state', ['invoiceId']]);

    const paid = await billing.invoices.createOneOff({ customerId: customer.id, lines, autoFinalize: true });
    await billing.payments.record({ customerId: customer.id, amount: '10.00', currency: 'EUR', method: 'cash' });
    const snapshot = await storageDump(storage);
    const error = await rejection(billing.invoices.void(paid.id));
    expect(error.code).toBe('invalid_state');
    expect(error.message).toContain('credit note');
    expect(await storageDump(storage)).toEqual(snapshot);

    const draft = await billing.invoices.createOneOff({ customerId: customer.id, lines });
    expect((await rejection(billing.invoices.void(draft.id))).code).toBe('invalid_state');
    expect((await rejection(billing.invoices.markUncollectible(draft.id))).code).toBe('invalid_state');
  });

  it('refuses changes to finalized invoices and unknown ids', async () => {
    const { billing, customer, storage } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    const snapshot = await storageDump(storage);
    const refinalize = await rejection(billing.invoices.finalize(invoice.id));
    expect([refinalize.code, refinalize.path]).toEqual(['invalid_state', ['invoiceId']]);
    const unknown = await rejection(billing.invoices.finalize('inv_nope'));
    expect([unknown.code, unknown.path]).toEqual(['not_found', ['invoiceId']]);
    expect((await rejection(billing.invoices.get('inv_nope'))).code).toBe('not_found');
    expect((await rejection(billing.invoices.void('bad id'))).path).toEqual(['invoiceId']);
    expect(await storageDump(storage)).toEqual(snapshot);
  });

  it('writes off an invoice that can still be paid explicitly', async () => {
    const { billing, customer } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    expect((await billing.invoices.markUncollectible(invoice.id)).status).toBe('uncollectible');
    // automatic allocation skips written-off invoices: all credit
    const loose = await billing.payments.record({
      customerId: customer.id,
      amount: '5.00',
      currency: 'EUR',
      method: 'cash',
    });
    expect(loose).toMatchObject({ allocations: [], unapplied: '5.00' });
    await billing.payments.record({
      customerId: customer.id,
      amount: '11.90',
      currency: 'EUR',
      method: 'cheque',
      allocations: [{ invoiceId: invoice.id, amount: '11.90' }],
    });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({ status: 'paid', amountRemaining: '0.00' });
    expect((await billing.invoices.list({ status: 'paid' })).items.map((i) => i.id)).toEqual([invoice.id]);
  });

  it('creates a one-off invoice once per idempotency key, also when requests race', async () => {
    const { billing, customer } = await createEngineFixture();
    const request = {
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
      idempotencyKey: 'order-42',
    };
    const [a, b] = await Promise.all([billing.invoices.createOneOff(request), billing.invoices.createOneOff(request)]);
    expect(b).toEqual(a);
    expect(await billing.invoices.createOneOff(request)).toEqual(a);
    expect((await billing.invoices.list()).items.map((i) => i.number)).toEqual(['INV-2026-000001']);
    const conflict = await rejection(
      billing.invoices.createOneOff({ ...request, lines: [{ description: 'Work', amount: '11.00' }] }),
    );
    expect([conflict.code, conflict.path]).toEqual(['conflict', ['input', 'idempotencyKey']]);
  });
});
