import { describe, expect, it } from 'vitest';
import { createEngineFixture } from '../engine/test-fixture';
import { buildStatement } from './build-statement';
import { readStatementRecords } from './read-statement-records';

/**
 * The worked example: a customer in Berlin (14 days' terms, 19% VAT) through February and March 2026, on the real
 * engine, and the March statement read on 2 April. Every figure below is computed by hand in the comments.
 */
async function marchOfAcme() {
  const fixture = await createEngineFixture();
  const { billing, clock, customer } = fixture;
  const invoice = (description: string, amount: string, currency?: string) =>
    billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description, amount }],
      autoFinalize: true,
      ...(currency ? { currency } : {}),
    });
  clock.set('2026-02-10T09:00:00Z');
  const installation = await invoice('Installation', '100.00'); // 119.00, due 24 Feb
  clock.set('2026-02-20T10:00:00Z');
  await billing.payments.record({
    customerId: customer.id,
    amount: '100.00',
    currency: 'EUR',
    method: 'bank_transfer',
    reference: 'SEPA-4711',
  }); // installation: 19.00 left
  clock.set('2026-02-28T23:30:00Z'); // 1 March, 00:30 in Berlin: inside March there
  const march = await invoice('Fibre 1000, March', '200.00'); // 238.00, due 15 March
  clock.set('2026-03-05T12:00:00Z');
  await billing.creditNotes.create({ invoiceId: march.id, amount: '23.80', reason: 'order_change' }); // 214.20 left
  clock.set('2026-03-06T12:00:00Z');
  const mistake = await invoice('Mistake', '10.00'); // 11.90
  clock.set('2026-03-07T12:00:00Z');
  await billing.invoices.void(mistake.id);
  clock.set('2026-03-10T12:00:00Z');
  const cash = await billing.payments.record({
    customerId: customer.id,
    amount: '250.00',
    currency: 'EUR',
    method: 'cash',
  });
  // 19.00 to the installation, 214.20 to March, 16.80 credit.
  clock.set('2026-03-12T12:00:00Z');
  const consulting = await invoice('Consulting', '100.00', 'USD'); // 119.00 USD, due 26 March
  clock.set('2026-03-20T12:00:00Z');
  await billing.payments.refund({ paymentId: cash.id, amount: '10.00' }); // from the credit: 6.80 left
  clock.set('2026-03-25T12:00:00Z');
  const router = await invoice('Router', '50.00'); // 59.50 − 6.80 credit = 52.70 due 8 April
  clock.set('2026-03-31T22:30:00Z'); // 1 April in Berlin: after the period
  await invoice('Fibre 1000, April', '10.00');
  clock.set('2026-04-02T08:00:00Z');
  return { ...fixture, installation, march, mistake, consulting, router };
}

const recordsOf = (fixture: Awaited<ReturnType<typeof marchOfAcme>>) =>
  readStatementRecords(fixture.billing, fixture.customer.id);

describe('buildStatement', () => {
  it('gives March in Berlin: balance forward, every document with a running balance, open items', async () => {
    const fixture = await marchOfAcme();
    const statement = buildStatement({
      ...(await recordsOf(fixture)),
      period: { start: '2026-03-01', end: '2026-03-31' },
      asOf: fixture.clock.now(),
    });
    expect(statement.periodStartsAt).toBe('2026-02-28T23:00:00.000Z');
    expect(statement.periodEndsAt).toBe('2026-03-31T22:00:00.000Z'); // summer time from 29 March
    expect(statement.customer).toMatchObject({ id: fixture.customer.id, name: 'Acme GmbH', timeZone: 'Europe/Berlin' });
    const [eur, usd] = statement.currencies;
    // Before March: 119.00 invoiced − 100.00 paid.
    expect(eur?.openingBalance).toBe('19.00');
    expect(eur?.entries.map((e) => [e.kind, e.reference, e.debit, e.credit, e.balance])).toEqual([
      ['invoice', fixture.march.number, '238.00', '0.00', '257.00'],
      ['credit_note', 'CN-2026-000001', '0.00', '23.80', '233.20'],
      ['invoice', fixture.mistake.number, '11.90', '0.00', '245.10'],
      ['invoice_void', fixture.mistake.number, '0.00', '11.90', '233.20'],
      ['payment', expect.stringMatching(/^pay_/), '0.00', '250.00', '-16.80'],
      ['refund', expect.stringMatching(/^re_/), '10.00', '0.00', '-6.80'],
      ['invoice', fixture.router.number, '59.50', '0.00', '52.70'],
    ]);
    expect(eur?.entries[1]).toMatchObject({ invoiceNumber: fixture.march.number });
    expect(eur?.entries[4]).toMatchObject({ method: 'cash' });
    // 238.00 + 11.90 + 10.00 + 59.50 = 319.40; 23.80 + 11.90 + 250.00 = 285.70; 19.00 + 319.40 − 285.70 = 52.70.
    expect([eur?.totalDebits, eur?.totalCredits, eur?.closingBalance]).toEqual(['319.40', '285.70', '52.70']);
    // Open on 2 April among March's invoices: the router, due 8 April. April's invoice belongs to April.
    expect(eur?.openItems).toEqual([
      {
        invoiceId: fixture.router.id,
        number: fixture.router.number,
        issuedAt: '2026-03-25T12:00:00.000Z',
        dueAt: '2026-04-08T21:59:59.999Z',
        total: '59.50',
        amountRemaining: '52.70',
        daysOverdue: 0,
        status: 'open',
      },
    ]);
    // 16.80 overpaid − 10.00 refunded − 6.80 applied to the router.
    expect([eur?.openTotal, eur?.creditBalance]).toEqual(['52.70', '0.00']);
    expect(usd).toMatchObject({
      currency: 'USD',
      openingBalance: '0.00',
      totalDebits: '119.00',
      closingBalance: '119.00',
      openTotal: '119.00',
    });
    // Due at the end of 26 March in Berlin; 2 April is 7 days later.
    expect(usd?.openItems.map((item) => [item.number, item.daysOverdue])).toEqual([[fixture.consulting.number, 7]]);
  });

  it('brings the whole history forward into the next period', async () => {
    const fixture = await marchOfAcme();
    const statement = buildStatement({
      ...(await recordsOf(fixture)),
      period: { start: '2026-04-01', end: '2026-04-30' },
      asOf: fixture.clock.now(),
    });
    // March closed at 52.70; April's invoice adds 11.90.
    expect(statement.currencies[0]).toMatchObject({
      openingBalance: '52.70',
      closingBalance: '64.60',
      openTotal: '64.60',
    });
    expect(statement.currencies[0]?.entries.map((e) => e.debit)).toEqual(['11.90']);
    // Without asOf, the statement is as of the newest record (April's invoice), never earlier than the period end.
    const april = buildStatement({ ...(await recordsOf(fixture)), period: { start: '2026-04-01', end: '2026-04-30' } });
    expect(april.asOf).toBe('2026-04-30T21:59:59.999Z');
    const february = buildStatement({
      ...(await recordsOf(fixture)),
      period: { start: '2026-02-01', end: '2026-02-28' },
    });
    expect(february.asOf).toBe('2026-03-31T22:30:00.000Z');
  });

  it('refuses records that do not add up, records of others and records after asOf', async () => {
    const fixture = await marchOfAcme();
    const records = await recordsOf(fixture);
    const period = { start: '2026-03-01', end: '2026-03-31' };
    const asOf = fixture.clock.now();
    const withoutRefund = () => buildStatement({ ...records, refunds: [], period, asOf });
    expect(withoutRefund).toThrow(
      /EUR records do not add up: documents say 54\.60 is owed, open invoices less credit say 64\.60/,
    );
    const stranger = { ...records.payments[0], customerId: 'cus_other' };
    expect(() => buildStatement({ ...records, payments: [stranger as never], period, asOf })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'payments', 0, 'customerId'] }),
    );
    expect(() => buildStatement({ ...records, period, asOf: '2026-03-30T00:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'asOf'] }),
    );
    expect(() => buildStatement({ ...records, period: { start: '2026-03-31', end: '2026-03-01' }, asOf })).toThrow(
      expect.objectContaining({ path: ['input', 'period', 'end'] }),
    );
  });
});
