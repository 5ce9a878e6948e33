import { describe, expect, it } from 'vitest';
import { createEngineFixture, rejection, storageDump } from '../test-fixture';

async function invoiceOf(fixture: Awaited<ReturnType<typeof createEngineFixture>>, net: string) {
  return fixture.billing.invoices.createOneOff({
    customerId: fixture.customer.id,
    lines: [{ description: 'Work', amount: net }],
    autoFinalize: true,
  });
}

describe('payments', () => {
  it('settles an invoice with a partial then a full payment', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer, notifications } = fixture;
    const invoice = await invoiceOf(fixture, '150.00'); // 150.00 + 28.50 VAT = 178.50
    const first = await billing.payments.record({
      customerId: customer.id,
      amount: '100.00',
      currency: 'EUR',
      method: 'bank_transfer',
      reference: 'SEPA-1',
    });
    expect(first).toMatchObject({
      status: 'succeeded',
      allocations: [{ invoiceId: invoice.id, amount: '100.00' }],
      unapplied: '0.00',
    });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({
      status: 'open',
      amountPaid: '100.00',
      amountRemaining: '78.50',
    });
    fixture.clock.advance({ days: 3 });
    await billing.payments.record({ customerId: customer.id, amount: '78.50', currency: 'EUR', method: 'cash' });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({
      status: 'paid',
      amountPaid: '178.50',
      amountRemaining: '0.00',
      paidAt: '2026-01-13T09:00:00.000Z',
    });
    expect(notifications.map((n) => n.type)).toEqual([
      'invoice.finalized',
      'payment.received',
      'payment.received',
      'invoice.paid',
    ]);
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
  });

  it('settles the oldest due invoice first', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer, clock } = fixture;
    const older = await invoiceOf(fixture, '100.00'); // 119.00 due 24 Jan
    clock.advance({ days: 1 });
    const newer = await invoiceOf(fixture, '10.00'); // 11.90 due 25 Jan
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '125.00',
      currency: 'EUR',
      method: 'cash',
    });
    expect(payment.allocations).toEqual([
      { invoiceId: older.id, amount: '119.00' },
      { invoiceId: newer.id, amount: '6.00' },
    ]);
    expect(await billing.invoices.get(newer.id)).toMatchObject({ status: 'open', amountRemaining: '5.90' });
  });

  it('turns an overpayment into credit that the next invoice applies', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer } = fixture;
    const invoice = await invoiceOf(fixture, '100.00'); // 119.00
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '150.00',
      currency: 'EUR',
      method: 'cash',
    });
    expect(payment).toMatchObject({ allocations: [{ invoiceId: invoice.id, amount: '119.00' }], unapplied: '31.00' });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('31.00');
    const next = await invoiceOf(fixture, '100.00');
    expect(next).toMatchObject({
      total: '119.00',
      creditApplied: '31.00',
      amountDue: '88.00',
      amountRemaining: '88.00',
    });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
    const entries = (await billing.balance.transactions(customer.id)).items;
    expect(entries.map((e) => [e.type, e.amount, e.referenceId])).toEqual([
      ['overpayment', '31.00', payment.id],
      ['applied_to_invoice', '-31.00', next.id],
    ]);
    // credit that covers a whole invoice: it is paid at once
    await billing.payments.record({ customerId: customer.id, amount: '200.00', currency: 'EUR', method: 'cash' });
    const covered = await invoiceOf(fixture, '10.00');
    expect(covered).toMatchObject({
      status: 'paid',
      creditApplied: '11.90',
      amountDue: '0.00',
      paidAt: '2026-01-10T09:00:00.000Z',
    });
  });

  it('refunds from the unapplied credit first, then reopens invoices', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer } = fixture;
    const invoice = await invoiceOf(fixture, '100.00'); // 119.00
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '150.00',
      currency: 'EUR',
      method: 'cash',
    });
    const first = await billing.payments.refund({ paymentId: payment.id, amount: '20.00', reason: 'asked back' });
    expect(first).toMatchObject({ amount: '20.00', paymentId: payment.id, customerId: customer.id });
    expect(await billing.payments.get(payment.id)).toMatchObject({
      unapplied: '11.00',
      amountRefunded: '20.00',
      status: 'partially_refunded',
    });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('11.00');
    expect((await billing.invoices.get(invoice.id)).status).toBe('paid');
    // 20.00 more: 11.00 from credit, 9.00 from the invoice, which reopens
    await billing.payments.refund({ paymentId: payment.id, amount: '20.00' });
    expect(await billing.payments.get(payment.id)).toMatchObject({
      unapplied: '0.00',
      amountRefunded: '40.00',
      allocations: [{ invoiceId: invoice.id, amount: '110.00' }],
    });
    const reopened = await billing.invoices.get(invoice.id);
    expect(reopened).toMatchObject({ status: 'open', amountPaid: '110.00', amountRemaining: '9.00' });
    expect(reopened.paidAt).toBeUndefined();
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
    // never more than paid minus refunded (150 − 40 = 110)
    const before = await storageDump(fixture.storage);
    const tooMuch = await rejection(billing.payments.refund({ paymentId: payment.id, amount: '110.01' }));
    expect([tooMuch.code, tooMuch.path]).toEqual(['invalid_input', ['input', 'amount']]);
    expect(await storageDump(fixture.storage)).toEqual(before);
    await billing.payments.refund({ paymentId: payment.id, amount: '110.00' });
    expect(await billing.payments.get(payment.id)).toMatchObject({
      status: 'refunded',
      allocations: [],
      amountRefunded: '150.00',
    });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({ amountPaid: '0.00', amountRemaining: '119.00' });
    expect((await billing.payments.listRefunds({ paymentId: payment.id })).items.map((r) => r.amount)).toEqual([
      '20.00',
      '20.00',
      '110.00',
    ]);
  });

  it('cannot refund credit that later invoices already used', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer } = fixture;
    await invoiceOf(fixture, '100.00'); // 119.00
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '150.00',
      currency: 'EUR',
      method: 'cash',
    });
    await invoiceOf(fixture, '100.00'); // applies the 31.00 credit
    const error = await rejection(billing.payments.refund({ paymentId: payment.id, amount: '150.00' }));
    expect([error.code, error.path]).toEqual(['invalid_state', ['input', 'amount']]);
    expect(error.message).toContain('119.00');
  });

  it('refuses a payment in another currency than the invoice, and bad amounts', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer, storage } = fixture;
    const invoice = await invoiceOf(fixture, '100.00');
    const before = await storageDump(storage);
    const cases: [unknown, string, (string | number)[]][] = [
      [
        { amount: '10.00', currency: 'USD', allocations: [{ invoiceId: invoice.id, amount: '10.00' }] },
        'currency_mismatch',
        ['input', 'allocations', 0, 'invoiceId'],
      ],
      [{ amount: 10 }, 'invalid_input', ['input', 'amount']],
      [
        { amount: '19.99', currency: 'EUR', allocations: [{ invoiceId: invoice.id, amount: 19.99 }] },
        'invalid_input',
        ['input', 'allocations', 0, 'amount'],
      ],
      [{ amount: '-5.00' }, 'invalid_input', ['input', 'amount']],
      [{ amount: '0' }, 'invalid_input', ['input', 'amount']],
      [{ amount: '10.001' }, 'invalid_input', ['input', 'amount']],
      [{ method: 'gateway' }, 'invalid_input', ['input', 'method']],
      [{ customerId: 'cus_nope' }, 'not_found', ['input', 'customerId']],
      [
        { allocations: [{ invoiceId: 'inv_nope', amount: '1.00' }] },
        'not_found',
        ['input', 'allocations', 0, 'invoiceId'],
      ],
      [
        { allocations: [{ invoiceId: invoice.id, amount: '119.01' }], amount: '200.00' },
        'invalid_input',
        ['input', 'allocations', 0, 'amount'],
      ],
      [{ allocations: [{ invoiceId: invoice.id, amount: '60.00' }] }, 'invalid_input', ['input', 'allocations']],
      [{ receivedAt: 'yesterday' }, 'invalid_input', ['input', 'receivedAt']],
      [{ extra: true }, 'invalid_input', ['input', 'extra']],
    ];
    for (const [changes, code, path] of cases) {
      const input = {
        customerId: customer.id,
        amount: '50.00',
        currency: 'EUR',
        method: 'cash',
        ...(changes as object),
      };
      const error = await rejection(billing.payments.record(input as never));
      expect([error.code, error.path], JSON.stringify(changes)).toEqual([code, path]);
    }
    const refundCases: [unknown, string, (string | number)[]][] = [
      [{ paymentId: 'pay_nope', amount: '1.00' }, 'not_found', ['input', 'paymentId']],
      [{ paymentId: 'pay_nope', amount: 1 }, 'invalid_input', ['input', 'amount']],
    ];
    for (const [input, code, path] of refundCases) {
      const error = await rejection(billing.payments.refund(input as never));
      expect([error.code, error.path]).toEqual([code, path]);
    }
    expect((await rejection(billing.payments.get('pay_nope'))).code).toBe('not_found');
    expect(await storageDump(storage)).toEqual(before);
  });

  it('records a payment once per idempotency key', async () => {
    const fixture = await createEngineFixture();
    const { billing, customer, notifications } = fixture;
    const invoice = await invoiceOf(fixture, '100.00');
    const request = {
      customerId: customer.id,
      amount: '50.00',
      currency: 'EUR',
      method: 'cash',
      idempotencyKey: 'k-1',
    } as const;
    const first = await billing.payments.record(request);
    const replay = await billing.payments.record({ ...request });
    expect(replay).toEqual(first);
    expect((await billing.payments.list({ customerId: customer.id })).items).toHaveLength(1);
    expect(await billing.invoices.get(invoice.id)).toMatchObject({ amountPaid: '50.00' });
    expect(notifications.filter((n) => n.type === 'payment.received')).toHaveLength(1);
    const before = await storageDump(fixture.storage);
    const conflict = await rejection(billing.payments.record({ ...request, amount: '60.00' }));
    expect([conflict.code, conflict.path]).toEqual(['conflict', ['input', 'idempotencyKey']]);
    expect(await storageDump(fixture.storage)).toEqual(before);
    // the key is scoped by operation: the same key on a refund is a different request
    const refund = await billing.payments.refund({ paymentId: first.id, amount: '5.00', idempotencyKey: 'k-1' });
    expect(await billing.payments.refund({ paymentId: first.id, amount: '5.00', idempotencyKey: 'k-1' })).toEqual(
      refund,
    );
    expect((await billing.payments.get(first.id)).amountRefunded).toBe('5.00');
  });
});
