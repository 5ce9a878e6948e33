import { describe, expect, it } from 'vitest';
import {
  allocate,
  billingPeriods,
  calculateInvoice,
  cashRound,
  money,
  prorate,
  REVERSE_CHARGE_NOTE,
  rate,
} from '../../src/index';
import { allCreditNotes, allInvoices, allLedger, customer, frozen, recurringPrice, rejection, world } from './helpers';

describe('credit notes with tax-inclusive lines', () => {
  it('split tax by the line or invoice mix, cap per line and per invoice, settle first and credit the rest', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const vat = await billing.catalog.taxRates.create({ name: 'VAT 20%', percentage: '20', inclusive: true });
    const cus = await customer(billing, { currency: 'GBP', taxRateIds: [vat.id] });
    const invoice = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [
        { description: 'A', amount: '120.00' },
        { description: 'B', amount: '60.00' },
      ],
      autoFinalize: true,
    });
    // Inclusive: 120.00 = 100.00 + 20.00 tax; 60.00 = 50.00 + 10.00; the total is the gross 180.00.
    expect([invoice.subtotal, invoice.taxTotal, invoice.total]).toEqual(['180.00', '30.00', '180.00']);
    expect(invoice.lines.map((l) => [l.taxableAmount, l.taxes[0]?.amount])).toEqual([
      ['100.00', '20.00'],
      ['50.00', '10.00'],
    ]);
    const lineA = invoice.lines[0]?.id as string;
    // 30.00 of line A in its mix (20 tax : 100 net) → 5.00 tax, 25.00 net.
    const first = await billing.creditNotes.create({
      invoiceId: invoice.id,
      lines: [{ invoiceLineId: lineA, description: 'Partial refund A', amount: '30.00' }],
      reason: 'product_unsatisfactory',
    });
    expect([first.number, first.subtotal, first.taxTotal, first.total]).toEqual([
      'CN-2026-000001',
      '25.00',
      '5.00',
      '30.00',
    ]);
    // 50.00 not tied to a line, in the invoice mix (30 tax : 150 net): 8.333… → 8.33 tax, 41.666… → 41.67 net.
    const second = await billing.creditNotes.create({ invoiceId: invoice.id, amount: '50.00', reason: 'other' });
    expect([second.number, second.lines[0]?.amount, second.lines[0]?.taxes[0]?.amount]).toEqual([
      'CN-2026-000002',
      '41.67',
      '8.33',
    ]);
    let stored = await billing.invoices.get(invoice.id);
    expect([stored.amountCredited, stored.amountRemaining, stored.status]).toEqual(['80.00', '100.00', 'open']);
    // Line A holds 90.00 more; the invoice 100.00 more.
    const perLine = await rejection(
      billing.creditNotes.create({
        invoiceId: invoice.id,
        lines: [{ invoiceLineId: lineA, description: 'too much', amount: '90.01' }],
        reason: 'other',
      }),
    );
    expect([perLine.code, perLine.path]).toEqual(['invalid_input', ['input', 'lines', 0, 'amount']]);
    const whole = await rejection(
      billing.creditNotes.create({ invoiceId: invoice.id, amount: '100.01', reason: 'other' }),
    );
    expect([whole.code, whole.path]).toEqual(['invalid_input', ['input', 'amount']]);
    await billing.payments.record({ customerId: cus.id, amount: '70.00', currency: 'GBP', method: 'bank_transfer' });
    // The last 100.00: 30.00 settles the invoice, 70.00 becomes credit.
    const last = await billing.creditNotes.create({ invoiceId: invoice.id, amount: '100.00', reason: 'other' });
    expect([last.appliedToInvoice, last.creditedToBalance]).toEqual(['30.00', '70.00']);
    stored = await billing.invoices.get(invoice.id);
    expect([stored.amountPaid, stored.amountCredited, stored.amountRemaining, stored.status]).toEqual([
      '70.00',
      '110.00',
      '0.00',
      'paid',
    ]);
    expect(frozen(stored)).toEqual(frozen(invoice));
    expect((await billing.balance.get(cus.id, 'GBP')).amount).toBe('70.00');
    const notes = await allCreditNotes(billing);
    expect(notes.map((n) => n.number)).toEqual(['CN-2026-000001', 'CN-2026-000002', 'CN-2026-000003']);
    // Nothing is left to credit.
    const none = await rejection(
      billing.creditNotes.create({ invoiceId: invoice.id, amount: '0.01', reason: 'other' }),
    );
    expect(none.code).toBe('invalid_input');
  });

  it('a full credit note on an invoice paid partly with credit returns that credit to the balance', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing);
    await billing.payments.record({ customerId: cus.id, amount: '30.00', currency: 'EUR', method: 'cash' });
    const invoice = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Work', amount: '100.00' }],
      autoFinalize: true,
    });
    expect([invoice.creditApplied, invoice.amountDue]).toEqual(['30.00', '70.00']);
    const note = await billing.creditNotes.create({ invoiceId: invoice.id, amount: '100.00', reason: 'duplicate' });
    expect([note.appliedToInvoice, note.creditedToBalance]).toEqual(['70.00', '30.00']);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('30.00');
  });
});

describe('payments, over-payments and refunds', () => {
  it('settles oldest due first, keeps the surplus as credit, refunds from credit then reopens the invoice', async () => {
    const { billing, clock } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing, { paymentTermsDays: 30 });
    const i1 = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'One', amount: '100.00' }],
      autoFinalize: true,
    });
    clock.advance({ days: 1 });
    const i2 = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Two', amount: '50.00' }],
      autoFinalize: true,
    });
    const p1 = await billing.payments.record({ customerId: cus.id, amount: '120.00', currency: 'EUR', method: 'cash' });
    expect(p1.allocations).toEqual([
      { invoiceId: i1.id, amount: '100.00' },
      { invoiceId: i2.id, amount: '20.00' },
    ]);
    const p2 = await billing.payments.record({
      customerId: cus.id,
      amount: '50.00',
      currency: 'EUR',
      method: 'cheque',
    });
    expect([p2.unapplied, (await billing.balance.get(cus.id, 'EUR')).amount]).toEqual(['20.00', '20.00']);
    expect((await billing.invoices.get(i2.id)).status).toBe('paid');
    // 30.00 back on p2: 20.00 from its credit, 10.00 from its allocation to i2, which reopens.
    const refund = await billing.payments.refund({ paymentId: p2.id, amount: '30.00' });
    expect(refund.amount).toBe('30.00');
    const reopened = await billing.invoices.get(i2.id);
    expect([reopened.status, reopened.amountPaid, reopened.amountRemaining, reopened.paidAt]).toEqual([
      'open',
      '40.00',
      '10.00',
      undefined,
    ]);
    const payment = await billing.payments.get(p2.id);
    expect([payment.status, payment.unapplied, payment.amountRefunded, payment.allocations]).toEqual([
      'partially_refunded',
      '0.00',
      '30.00',
      [{ invoiceId: i2.id, amount: '20.00' }],
    ]);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('0.00');
    const tooMuch = await rejection(billing.payments.refund({ paymentId: p2.id, amount: '20.01' }));
    expect([tooMuch.code, tooMuch.path]).toEqual(['invalid_input', ['input', 'amount']]);
    await billing.payments.refund({ paymentId: p2.id, amount: '20.00' });
    expect((await billing.payments.get(p2.id)).status).toBe('refunded');
    expect((await billing.invoices.get(i2.id)).amountRemaining).toBe('30.00');
    expect((await allLedger(billing, cus.id)).map((e) => [e.type, e.amount])).toEqual([
      ['overpayment', '20.00'],
      ['refund', '-20.00'],
    ]);
  });

  it('refuses to refund credit that a later invoice already used', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing);
    const pay = await billing.payments.record({ customerId: cus.id, amount: '60.00', currency: 'EUR', method: 'cash' });
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Work', amount: '50.00' }],
      autoFinalize: true,
    });
    expect([inv.creditApplied, inv.status]).toEqual(['50.00', 'paid']);
    const error = await rejection(billing.payments.refund({ paymentId: pay.id, amount: '10.01' }));
    expect([error.code, error.path]).toEqual(['invalid_state', ['input', 'amount']]);
    await billing.payments.refund({ paymentId: pay.id, amount: '10.00' });
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('0.00');
  });

  it('explicit allocations: partial, wrong currency, too much, on a paid invoice', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing);
    const eur = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'EUR', amount: '80.00' }],
      autoFinalize: true,
    });
    const usd = await billing.invoices.createOneOff({
      customerId: cus.id,
      currency: 'USD',
      lines: [{ description: 'USD', amount: '10.00' }],
      autoFinalize: true,
    });
    const part = await billing.payments.record({
      customerId: cus.id,
      amount: '50.00',
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: eur.id, amount: '30.00' }],
    });
    // 20.00 not allocated is credit, not applied to the open invoice.
    expect(part.unapplied).toBe('20.00');
    expect((await billing.invoices.get(eur.id)).amountRemaining).toBe('50.00');
    const mismatch = await rejection(
      billing.payments.record({
        customerId: cus.id,
        amount: '10.00',
        currency: 'EUR',
        method: 'cash',
        allocations: [{ invoiceId: usd.id, amount: '10.00' }],
      }),
    );
    expect([mismatch.code, mismatch.path]).toEqual(['currency_mismatch', ['input', 'allocations', 0, 'invoiceId']]);
    const over = await rejection(
      billing.payments.record({
        customerId: cus.id,
        amount: '60.00',
        currency: 'EUR',
        method: 'cash',
        allocations: [{ invoiceId: eur.id, amount: '50.01' }],
      }),
    );
    expect([over.code, over.path]).toEqual(['invalid_input', ['input', 'allocations', 0, 'amount']]);
    await billing.payments.record({ customerId: cus.id, amount: '50.00', currency: 'EUR', method: 'cash' });
    const paid = await rejection(
      billing.payments.record({
        customerId: cus.id,
        amount: '1.00',
        currency: 'EUR',
        method: 'cash',
        allocations: [{ invoiceId: eur.id, amount: '1.00' }],
      }),
    );
    expect([paid.code, paid.path]).toEqual(['invalid_state', ['input', 'allocations', 0, 'invoiceId']]);
    // A USD payment settles only USD invoices; EUR credit stays EUR.
    await billing.payments.record({ customerId: cus.id, amount: '15.00', currency: 'USD', method: 'cash' });
    expect((await billing.invoices.get(usd.id)).status).toBe('paid');
    expect((await billing.balance.get(cus.id, 'USD')).amount).toBe('5.00');
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('20.00');
  });
});

describe('void', () => {
  it('voids an open invoice, returns the credit it applied and refuses everything after', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing);
    await billing.payments.record({ customerId: cus.id, amount: '30.00', currency: 'EUR', method: 'cash' });
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Work', amount: '100.00' }],
      autoFinalize: true,
    });
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('0.00');
    const voided = await billing.invoices.void(inv.id);
    expect([voided.status, voided.amountRemaining, voided.voidedAt]).toEqual([
      'void',
      '0.00',
      '2026-05-04T10:00:00.000Z',
    ]);
    expect(frozen(voided)).toEqual(frozen(inv));
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('30.00');
    for (const call of [
      () => billing.invoices.void(inv.id),
      () => billing.invoices.markUncollectible(inv.id),
      () => billing.invoices.finalize(inv.id),
      () => billing.creditNotes.create({ invoiceId: inv.id, amount: '1.00', reason: 'other' }),
      () =>
        billing.payments.record({
          customerId: cus.id,
          amount: '1.00',
          currency: 'EUR',
          method: 'cash',
          allocations: [{ invoiceId: inv.id, amount: '1.00' }],
        }),
    ]) {
      expect((await rejection(call())).code).toBe('invalid_state');
    }
    // An automatic payment skips the void invoice.
    const pay = await billing.payments.record({ customerId: cus.id, amount: '5.00', currency: 'EUR', method: 'cash' });
    expect(pay.allocations).toEqual([]);
  });

  it('refuses to void a partly paid invoice: that needs a credit note', async () => {
    const { billing } = world('2026-05-04T10:00:00Z');
    const cus = await customer(billing);
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Work', amount: '100.00' }],
      autoFinalize: true,
    });
    await billing.payments.record({ customerId: cus.id, amount: '1.00', currency: 'EUR', method: 'cash' });
    const error = await rejection(billing.invoices.void(inv.id));
    expect([error.code, error.path]).toEqual(['invalid_state', ['invoiceId']]);
  });
});

describe('currencies: JPY (0 decimals), KWD (3), CHF cash rounding', () => {
  it('JPY prorations round to whole yen', async () => {
    const { billing, clock } = world('2026-03-01T00:00:00Z');
    const tax = await billing.catalog.taxRates.create({ name: '消費税', percentage: '10', inclusive: false });
    const cus = await customer(billing, { currency: 'JPY', timeZone: 'Asia/Tokyo', taxRateIds: [tax.id] });
    const small = await recurringPrice(billing, { model: 'flat', currency: 'JPY', amount: '1000' });
    const big = await recurringPrice(billing, { model: 'flat', currency: 'JPY', amount: '3000' });
    // Anchor at Tokyo midnight: 2026-03-01 00:00 JST = 2026-02-28T15:00Z; March has 31 days.
    clock.set('2026-02-28T15:00:00Z');
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: small.id }],
    });
    expect(invoices[0]?.total).toBe('1100');
    clock.set('2026-03-21T15:00:00Z'); // Mar 22 JST: 10 days left
    await billing.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: big.id }] });
    clock.set('2026-03-31T15:00:00Z');
    await billing.runCycle();
    const april = (await allInvoices(billing, cus.id))[1];
    // −1000 × 10/31 = −322.58 → −323; 3000 × 10/31 = 967.74 → 968; tax 300 + 97 (96.8) − 32 (32.3) = 365
    expect(april?.lines.map((l) => [l.amount, l.taxes[0]?.amount])).toEqual([
      ['3000', '300'],
      ['-323', '-32'],
      ['968', '97'],
    ]);
    expect(april?.total).toBe('4010');
    const fraction = await rejection(
      billing.payments.record({ customerId: cus.id, amount: '0.5', currency: 'JPY', method: 'cash' }),
    );
    expect([fraction.code, fraction.path]).toEqual(['invalid_input', ['input', 'amount']]);
  });

  it('KWD keeps three decimals', async () => {
    const { billing } = world('2026-03-01T00:00:00Z');
    const tax = await billing.catalog.taxRates.create({ name: 'VAT 5%', percentage: '5', inclusive: false });
    const cus = await customer(billing, { currency: 'KWD', taxRateIds: [tax.id] });
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Service', amount: '10.125' }],
      autoFinalize: true,
    });
    // 10.125 × 5% = 0.50625 → 0.506
    expect([inv.taxTotal, inv.total]).toEqual(['0.506', '10.631']);
    const fine = await rejection(
      billing.payments.record({ customerId: cus.id, amount: '10.6311', currency: 'KWD', method: 'cash' }),
    );
    expect([fine.code, fine.path]).toEqual(['invalid_input', ['input', 'amount']]);
    const pay = await billing.payments.record({
      customerId: cus.id,
      amount: '10.631',
      currency: 'KWD',
      method: 'cash',
    });
    expect(pay.unapplied).toBe('0.000');
    expect((await billing.invoices.get(inv.id)).status).toBe('paid');
  });

  it('CHF totals are cash-rounded to 0.05 with the adjustment shown', async () => {
    const { billing } = world('2026-03-01T00:00:00Z', { cashRounding: { CHF: '0.05' } });
    const tax = await billing.catalog.taxRates.create({ name: 'MWST 8.1%', percentage: '8.1', inclusive: false });
    const cus = await customer(billing, { currency: 'CHF', timeZone: 'Europe/Zurich', taxRateIds: [tax.id] });
    const make = (amount: string) =>
      billing.invoices.createOneOff({ customerId: cus.id, lines: [{ description: 'X', amount }], autoFinalize: true });
    // 10.00 + 0.81 = 10.81 → 10.80 (−0.01); 10.02 + 0.81 (0.81162) = 10.83 → 10.85 (+0.02)
    const a = await make('10.00');
    const b = await make('10.02');
    expect([a.roundingAmount, a.total, b.roundingAmount, b.total]).toEqual(['-0.01', '10.80', '0.02', '10.85']);
    // total = subtotal − discounts + exclusive taxes + rounding
    expect(money(b.subtotal, 'CHF').add(money(b.taxTotal, 'CHF')).add(money(b.roundingAmount, 'CHF')).toString()).toBe(
      b.total,
    );
    // Other currencies are not cash-rounded.
    const eur = await billing.invoices.createOneOff({
      customerId: cus.id,
      currency: 'EUR',
      lines: [{ description: 'X', amount: '10.00' }],
      autoFinalize: true,
    });
    expect([eur.roundingAmount, eur.total]).toEqual(['0.00', '10.81']);
  });
});

describe('tax status and tax-inclusive prices', () => {
  it('reverse charge: no tax, the legal note, frozen on the invoice', async () => {
    const { billing } = world('2026-03-01T00:00:00Z');
    const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
    const cus = await customer(billing, {
      taxRateIds: [vat.id],
      taxStatus: 'reverse_charge',
      taxIds: [{ type: 'eu_vat', value: 'FR12345678901' }],
    });
    const inv = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Consulting', amount: '1000.00' }],
      autoFinalize: true,
    });
    expect([inv.taxTotal, inv.total, inv.taxes, inv.notes]).toEqual(['0.00', '1000.00', [], [REVERSE_CHARGE_NOTE]]);
    expect(inv.lines[0]?.taxes).toEqual([]);
    expect(inv.customerSnapshot?.taxStatus).toBe('reverse_charge');
    await billing.customers.update(cus.id, { taxStatus: 'taxable', name: 'Renamed SA' });
    const again = await billing.invoices.get(inv.id);
    expect([again.customerSnapshot?.taxStatus, again.customerSnapshot?.name, again.notes]).toEqual([
      'reverse_charge',
      'Ada',
      [REVERSE_CHARGE_NOTE],
    ]);
    const later = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Consulting', amount: '1000.00' }],
      autoFinalize: true,
    });
    expect([later.total, later.notes, later.customerSnapshot?.name]).toEqual(['1190.00', [], 'Renamed SA']);
  });

  it('a discount on a tax-inclusive line lowers gross and tax together', () => {
    const vat = { id: 'vat', name: 'VAT', percentage: '19', inclusive: true };
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [{ description: 'Box', amount: '119.00', taxRates: [vat] }],
      discounts: [{ percentOff: '10' }],
    });
    // 119.00 − 11.90 = 107.10 gross = 90.00 net + 17.10 tax; inclusive tax is not added to the total.
    expect([result.discountTotal, result.lines[0]?.taxableAmount, result.taxTotal, result.total]).toEqual([
      '11.90',
      '90.00',
      '17.10',
      '107.10',
    ]);
  });

  it('compound tax (GST + QST on top) and per-invoice rounding', () => {
    const gst = { id: 'gst', name: 'GST', percentage: '5', inclusive: false };
    const qst = { id: 'qst', name: 'QST', percentage: '9.975', inclusive: false, compound: true };
    const one = calculateInvoice({
      currency: 'CAD',
      lines: [{ description: 'X', amount: '100.00', taxRates: [gst, qst] }],
    });
    // GST 5.00; QST 9.975% of 105.00 = 10.47375 → 10.47
    expect(one.taxes.map((t) => t.amount)).toEqual(['5.00', '10.47']);
    expect(one.total).toBe('115.47');
    const lines = Array.from({ length: 3 }, () => ({ description: 'c', amount: '0.50', taxRates: [gst] }));
    // Per line: 0.025 → 0.03 each = 0.09; per invoice: 1.50 × 5% = 0.075 → 0.08, spread 0.03/0.03/0.02.
    expect(calculateInvoice({ currency: 'CAD', lines }).taxTotal).toBe('0.09');
    const perInvoice = calculateInvoice({ currency: 'CAD', lines, taxRounding: 'invoice' });
    expect(perInvoice.taxTotal).toBe('0.08');
    expect(perInvoice.lines.map((l) => l.taxes[0]?.amount)).toEqual(['0.03', '0.03', '0.02']);
  });
});

describe('money primitives', () => {
  it('allocates by largest remainder, rounds half-up by default and refuses floats', () => {
    expect(allocate(money('100.00', 'EUR'), ['1', '1', '1']).map(String)).toEqual(['33.34', '33.33', '33.33']);
    expect(allocate(money('-0.05', 'EUR'), ['1', '1']).map(String)).toEqual(['-0.03', '-0.02']);
    expect(allocate(money('10', 'JPY'), ['1', '2', '3']).map(String)).toEqual(['2', '3', '5']);
    expect(money('2.345', 'EUR').round().toString()).toBe('2.35');
    expect(money('-2.345', 'EUR').round().toString()).toBe('-2.35');
    expect(money('2.345', 'EUR').round('half-even').toString()).toBe('2.34');
    expect(() => money(0.1 as unknown as string, 'EUR')).toThrow();
    expect(() => money('1.00', 'XYZ')).toThrow(/Unknown currency/);
    expect(money('0.1', 'EUR').add(money('0.2', 'EUR')).toString()).toBe('0.30');
    expect(cashRound(money('10.025', 'CHF'), '0.05').total.toString()).toBe('10.05');
    expect(rate({ model: 'per_unit', currency: 'USD', unitAmount: '0.0004' }, '1234').amount).toBe('0.49');
  });

  it('prorates by the second; a full period is the whole amount', () => {
    const period = { start: '2024-02-01T00:00:00Z', end: '2024-03-01T00:00:00Z' }; // 29 days
    expect(prorate(money('29.00', 'EUR'), period, period).toString()).toBe('29.00');
    expect(
      prorate(money('29.00', 'EUR'), period, { start: '2024-02-15T00:00:00Z', end: '2024-03-01T00:00:00Z' }).toString(),
    ).toBe('15.00');
    expect(
      prorate(money('100', 'JPY'), period, { start: '2024-02-29T12:00:00Z', end: '2024-03-05T00:00:00Z' }).toString(),
    ).toBe('2');
  });

  it('month-end anchors clamp and come back; DST keeps the local time; a skipped local time moves forward', () => {
    const periods = billingPeriods({
      anchor: '2024-01-31T00:00:00Z',
      interval: 'month',
      timeZone: 'UTC',
      from: '2024-01-31T00:00:00Z',
      count: 4,
    });
    expect(periods.map((p) => p.start.toISOString().slice(0, 10))).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
    // New York, 02:30 local on the 8th: on 2026-03-08 that time does not exist (02:00 → 03:00): 03:30 EDT.
    const ny = billingPeriods({
      anchor: '2026-02-08T07:30:00Z', // 02:30 EST
      interval: 'month',
      timeZone: 'America/New_York',
      from: '2026-02-08T07:30:00Z',
      count: 3,
    });
    expect(ny.map((p) => p.start.toISOString())).toEqual([
      '2026-02-08T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
      '2026-04-08T06:30:00.000Z', // 02:30 EDT
    ]);
    // Each period ends where the next starts.
    expect(ny[0]?.end.toISOString()).toBe(ny[1]?.start.toISOString());
  });
});

describe('invoice numbers and snapshots', () => {
  it('numbers drafts when they are finalized, in the year of the seller time zone', async () => {
    const { billing, clock } = world('2026-12-31T22:30:00Z', { timeZone: 'Europe/Berlin' });
    const cus = await customer(billing);
    // 23:30 in Berlin: still 2026.
    const a = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'A', amount: '1.00' }],
      autoFinalize: true,
    });
    const draft = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'B', amount: '2.00' }],
    });
    expect(draft.number).toBeUndefined();
    clock.set('2026-12-31T23:30:00Z'); // 00:30 on Jan 1 in Berlin
    const b = await billing.invoices.finalize(draft.id);
    const c = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'C', amount: '3.00' }],
      autoFinalize: true,
    });
    expect([a.number, b.number, c.number]).toEqual(['INV-2026-000001', 'INV-2027-000001', 'INV-2027-000002']);
    // Due: the end of the 14th day after issue in the customer's zone (UTC here: issued Dec 31 → Jan 14).
    expect(b.dueAt).toBe('2027-01-14T23:59:59.999Z');
    const twice = await rejection(billing.invoices.finalize(draft.id));
    expect([twice.code, twice.path]).toEqual(['invalid_state', ['invoiceId']]);
  });

  it('freezes the customer snapshot at finalization, not at draft time', async () => {
    const { billing } = world('2026-03-01T00:00:00Z');
    const cus = await customer(billing, {
      address: { line1: 'Old Street 1', city: 'Berlin', country: 'DE' },
    });
    const draft = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'B', amount: '2.00' }],
    });
    await billing.customers.update(cus.id, {
      name: 'Ada Lovelace',
      address: { line1: 'New Street 2', city: 'Paris', country: 'FR' },
    });
    const finalized = await billing.invoices.finalize(draft.id);
    expect([finalized.customerSnapshot?.name, finalized.customerSnapshot?.address?.city]).toEqual([
      'Ada Lovelace',
      'Paris',
    ]);
    await billing.customers.update(cus.id, {
      name: 'Someone Else',
      address: { line1: 'X', city: 'Rome', country: 'IT' },
    });
    expect(frozen(await billing.invoices.get(finalized.id))).toEqual(frozen(finalized));
  });
});
