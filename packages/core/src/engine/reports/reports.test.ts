import { describe, expect, it } from 'vitest';
import { agingBucket, daysPastDue } from '../../storage/list-report-queries';
import { createCollectionsFixture } from '../collections/collections-fixture';
import { rejection } from '../test-fixture';

/*
 * The reports over the month of run-collections.test.ts: Acme (Berlin) owes INV-2026-000001 (1,000.00, due at the end
 * of 15 March), gets fee invoices INV-2026-000002 (66.83, 22 March, due 5 April) and INV-2026-000003 (27.14,
 * 29 March, due 12 April), and pays 1,093.97 on 30 March.
 */

async function month() {
  const f = await createCollectionsFixture();
  await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
  await f.daily('2026-03-29');
  return f;
}

describe('reports', () => {
  it('counts days past due in the customer’s calendar days', () => {
    // Due at the end of 15 March in Berlin; 16 March 00:30 Berlin is day 1, though only 31 minutes later.
    expect(daysPastDue('2026-03-15T22:59:59.999Z', '2026-03-15T23:30:00.000Z', 'Europe/Berlin')).toBe(1);
    // In UTC that instant is still 15 March: not past due.
    expect(daysPastDue('2026-03-15T22:59:59.999Z', '2026-03-15T23:30:00.000Z', 'UTC')).toBe(0);
    // 14 April 23:00 Berlin (summer time, UTC+2): 15 March + 30 days.
    expect(daysPastDue('2026-03-15T22:59:59.999Z', '2026-04-14T21:00:00.000Z', 'Europe/Berlin')).toBe(30);
  });

  it('puts the bucket edges where the names say', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
      'current',
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
      '90+',
    ]);
  });

  it('ages what is owed by bucket, per customer and currency', async () => {
    const f = await month();
    // As of 29 March 12:00 UTC (14:00 Berlin): INV-1 is 29 − 15 = 14 days past due; the fee invoices are current.
    const report = await f.billing.reports.aging({ asOf: '2026-03-29T12:00:00Z' });
    expect(report.rows).toEqual([
      {
        customerId: 'cus_acme',
        customerName: 'Acme GmbH',
        currency: 'EUR',
        buckets: { current: '93.97', '1-30': '1000.00', '31-60': '0.00', '61-90': '0.00', '90+': '0.00' },
        total: '1093.97',
        invoices: 3,
      },
    ]);
    expect(report.totals).toHaveLength(1);
    // On 25 April nothing has been paid yet in this story: INV-1 is 41 days late, the first fee invoice 20.
    const later = await f.billing.reports.aging({ asOf: '2026-04-25T12:00:00Z' });
    expect(later.totals[0]?.buckets).toEqual({
      current: '0.00',
      '1-30': '93.97',
      '31-60': '1000.00',
      '61-90': '0.00',
      '90+': '0.00',
    });
  });

  it('confirms the payments received in a range with their allocations, and measures collections', async () => {
    const f = await month();
    // 1 to 25 March (24 days), before the payment: 1,066.83 invoiced (INV-1 and the first fee invoice), all of it still
    // owed: DSO = 1,066.83 / 1,066.83 × 24 = 24.0 days. (What is owed is read as stored now.)
    const early = await f.billing.reports.collectionsEffectiveness({
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-25T00:00:00Z',
    });
    expect(early.currencies[0]).toMatchObject({ invoiced: '1066.83', receivable: '1066.83', dso: '24.0' });
    f.clock.set('2026-03-30T10:00:00Z');
    await f.billing.payments.record({
      customerId: f.customer.id,
      amount: '1100.00',
      currency: 'EUR',
      method: 'bank_transfer',
      reference: 'SEPA 4711',
    });
    const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const payments = await f.billing.reports.paymentConfirmation(march);
    expect(payments.rows).toHaveLength(1);
    expect(payments.rows[0]).toMatchObject({
      receivedAt: '2026-03-30T10:00:00.000Z',
      reference: 'SEPA 4711',
      amount: '1100.00',
      unapplied: '6.03', // 1,100.00 − 1,093.97
      allocations: [
        { number: 'INV-2026-000001', amount: '1000.00' },
        { number: 'INV-2026-000002', amount: '66.83' },
        { number: 'INV-2026-000003', amount: '27.14' },
      ],
    });
    expect(payments.totals).toEqual([
      { currency: 'EUR', payments: 1, received: '1100.00', allocated: '1093.97', unapplied: '6.03', refunded: '0.00' },
    ]);
    expect(
      (await f.billing.reports.paymentConfirmation({ from: '2026-04-01T00:00:00Z', to: '2026-05-01T00:00:00Z' })).rows,
    ).toEqual([]);

    const effectiveness = await f.billing.reports.collectionsEffectiveness(march);
    expect(effectiveness).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      days: '31',
      currencies: [
        {
          currency: 'EUR',
          invoiced: '1093.97',
          receivable: '0.00',
          dso: '0.0',
          // INV-1 was paid after reminder 4; the fee invoices before any reminder.
          recoveredByStep: [
            { reminderStep: 0, invoices: 2, amount: '93.97' },
            { reminderStep: 4, invoices: 1, amount: '1000.00' },
          ],
          fees: [
            { kind: 'compensation', fees: 1, charged: '40.00', waived: '0.00' },
            { kind: 'interest', fees: 2, charged: '3.97', waived: '0.00' }, // 1.83 + 2.14
            { kind: 'reminder', fees: 2, charged: '50.00', waived: '0.00' },
          ],
        },
      ],
    });
    const error = await rejection(f.billing.reports.collectionsEffectiveness({ from: march.to, to: march.from }));
    expect(error).toMatchObject({ code: 'invalid_input', path: ['range', 'to'] });
  });
});
