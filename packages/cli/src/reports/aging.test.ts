import { describe, expect, it } from 'vitest';
import { invoice } from '../../test/support/records';
import { agingBucket, agingReport, daysPastDue } from './aging';

const AS_OF = '2026-04-01T00:00:00.000Z';
const beta = { name: 'Beta AG', email: 'b@example.com', taxIds: [], taxStatus: 'taxable' as const, locale: 'de-DE' };
const gamma = { ...beta, name: 'Gamma Inc.', locale: 'en-US' };

describe('daysPastDue and agingBucket', () => {
  it('counts a day past due from the first millisecond after the due instant', () => {
    expect(daysPastDue('2026-03-31T22:59:59.999Z', '2026-03-31T22:59:59.999Z')).toBe(0);
    expect(daysPastDue('2026-03-31T22:59:59.999Z', '2026-03-31T23:00:00.000Z')).toBe(1);
    expect(daysPastDue('2026-03-02T00:00:00.000Z', AS_OF)).toBe(30);
    expect(daysPastDue('2026-03-01T23:59:59.999Z', AS_OF)).toBe(31);
    expect(daysPastDue('2026-05-01T00:00:00.000Z', AS_OF)).toBe(0);
  });

  it('puts the bucket edges where the names say', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
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
});

describe('agingReport', () => {
  const invoices = [
    // Alpha (EUR): the first invoice still carries the old name; the latest names the row.
    invoice({
      id: 'a1',
      dueAt: '2026-04-10T21:59:59.999Z',
      amountRemaining: '100.00',
      customerSnapshot: { ...beta, name: 'Alpha GmbH (old name)' },
    }),
    invoice({ id: 'a2', dueAt: '2026-03-31T21:59:59.999Z', amountRemaining: '50.50' }), // 1 day
    invoice({ id: 'a3', dueAt: '2026-03-02T00:00:00.000Z', amountRemaining: '10.00' }), // 30 days
    invoice({ id: 'a4', dueAt: '2026-03-01T23:59:59.999Z', amountRemaining: '20.00' }), // 31 days
    // Beta (EUR): 90 and 91 days; paid, void, written off, draft and zero invoices are left out.
    invoice({
      id: 'b1',
      customerId: 'cus_b',
      customerSnapshot: beta,
      dueAt: '2026-01-01T00:00:00.000Z',
      amountRemaining: '5.25',
    }),
    invoice({
      id: 'b2',
      customerId: 'cus_b',
      customerSnapshot: beta,
      dueAt: '2025-12-31T00:00:00.000Z',
      amountRemaining: '7.75',
    }),
    invoice({ id: 'b3', customerId: 'cus_b', customerSnapshot: beta, status: 'paid', amountRemaining: '0.00' }),
    invoice({ id: 'b4', customerId: 'cus_b', customerSnapshot: beta, status: 'void', amountRemaining: '0.00' }),
    invoice({
      id: 'b5',
      customerId: 'cus_b',
      customerSnapshot: beta,
      status: 'uncollectible',
      amountRemaining: '9.00',
    }),
    invoice({
      id: 'b6',
      customerId: 'cus_b',
      status: 'draft',
      number: undefined,
      issuedAt: undefined,
      amountRemaining: '1.00',
    }),
    invoice({ id: 'b7', customerId: 'cus_b', customerSnapshot: beta, amountRemaining: '0.00' }),
    // Gamma (USD): 45 days; and an invoice issued after the report date.
    invoice({
      id: 'c1',
      customerId: 'cus_c',
      customerSnapshot: gamma,
      currency: 'USD',
      dueAt: '2026-02-15T00:00:00.000Z',
      amountRemaining: '99.99',
    }),
    invoice({
      id: 'c2',
      customerId: 'cus_c',
      customerSnapshot: gamma,
      currency: 'USD',
      issuedAt: '2026-04-02T00:00:00.000Z',
      amountRemaining: '1.00',
    }),
  ];

  it('sums what each customer owes per bucket and currency, by hand-computed figures', () => {
    const report = agingReport(invoices, AS_OF);
    expect(report.rows).toEqual([
      {
        customerId: 'cus_a',
        customerName: 'Alpha GmbH',
        currency: 'EUR',
        buckets: { current: '100.00', '1-30': '60.50', '31-60': '20.00', '61-90': '0.00', '90+': '0.00' },
        total: '180.50',
        invoices: 4,
      },
      {
        customerId: 'cus_b',
        customerName: 'Beta AG',
        currency: 'EUR',
        buckets: { current: '0.00', '1-30': '0.00', '31-60': '0.00', '61-90': '5.25', '90+': '7.75' },
        total: '13.00',
        invoices: 2,
      },
      {
        customerId: 'cus_c',
        customerName: 'Gamma Inc.',
        currency: 'USD',
        buckets: { current: '0.00', '1-30': '0.00', '31-60': '99.99', '61-90': '0.00', '90+': '0.00' },
        total: '99.99',
        invoices: 1,
      },
    ]);
    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        buckets: { current: '100.00', '1-30': '60.50', '31-60': '20.00', '61-90': '5.25', '90+': '7.75' },
        total: '193.50',
        invoices: 6,
      },
      {
        currency: 'USD',
        buckets: { current: '0.00', '1-30': '0.00', '31-60': '99.99', '61-90': '0.00', '90+': '0.00' },
        total: '99.99',
        invoices: 1,
      },
    ]);
  });

  it('reports nothing owed as an empty report', () => {
    expect(agingReport([], AS_OF)).toEqual({ asOf: AS_OF, rows: [], totals: [] });
  });
});
