import { describe, expect, it } from 'vitest';
import { creditNote, invoice, line } from '../../test/support/records';
import { revenueReport } from './revenue';

const UNTIL = '2026-03-01T00:00:00.000Z';

describe('revenueReport', () => {
  const invoices = [
    invoice({
      id: 'i1',
      status: 'paid',
      issuedAt: '2026-01-01T12:00:00.000Z',
      lines: [
        line({ id: 'l1', billingCode: 'INT-50M', amount: '29.00', discountAmount: '5.80', taxableAmount: '23.20' }),
        line({ id: 'l2', kind: 'usage', billingCode: 'DATA', amount: '10.00' }),
      ],
    }),
    invoice({
      id: 'i2',
      billingReason: 'manual',
      issuedAt: '2026-01-20T15:00:00.000Z',
      lines: [
        line({ id: 'l3', kind: 'one_off', amount: '49.00' }),
        // Tax-inclusive: 11.90 gross holds 1.90 tax; revenue is the net 10.00.
        line({ id: 'l4', kind: 'one_off', billingCode: 'SETUP', amount: '11.90', taxableAmount: '10.00' }),
      ],
    }),
    invoice({
      id: 'i3',
      issuedAt: '2026-02-01T12:00:00.000Z',
      lines: [
        line({ id: 'l5', kind: 'proration', billingCode: 'INT-50M', amount: '-12.14' }),
        line({ id: 'l6', kind: 'proration', billingCode: 'INT-100M', amount: '15.94' }),
      ],
    }),
    invoice({
      id: 'i4',
      status: 'void',
      issuedAt: '2026-02-02T00:00:00.000Z',
      lines: [line({ id: 'l7', amount: '5.00' })],
    }),
    invoice({
      id: 'i5',
      currency: 'USD',
      issuedAt: '2026-02-01T12:00:00.000Z',
      lines: [line({ id: 'l8', billingCode: 'INT-50M', amount: '32.00' })],
    }),
    invoice({ id: 'i6', issuedAt: UNTIL, lines: [line({ id: 'l9', billingCode: 'INT-1G', amount: '69.00' })] }),
  ];
  const notes = [
    creditNote({
      id: 'n1',
      invoiceId: 'i1',
      invoiceLineId: 'l1',
      issuedAt: '2026-02-10T00:00:00.000Z',
      amount: '7.25',
    }),
    creditNote({ id: 'n2', invoiceId: 'i2', issuedAt: '2026-02-12T00:00:00.000Z', amount: '4.20' }),
    creditNote({
      id: 'n3',
      invoiceId: 'i1',
      invoiceLineId: 'l2',
      issuedAt: '2026-03-02T00:00:00.000Z',
      amount: '1.00',
    }),
  ];

  it('sums net line amounts per month and billing code, less credit notes in their own month', () => {
    const report = revenueReport(invoices, notes, UNTIL);
    const row = (
      month: string,
      currency: string,
      billingCode: string,
      invoiced: string,
      credited: string,
      net: string,
    ) => ({
      month,
      currency,
      billingCode,
      invoiced,
      credited,
      net,
    });
    expect(report.rows).toEqual([
      row('2026-01', 'EUR', '(none)', '49.00', '0.00', '49.00'),
      row('2026-01', 'EUR', 'DATA', '10.00', '0.00', '10.00'),
      row('2026-01', 'EUR', 'INT-50M', '23.20', '0.00', '23.20'),
      row('2026-01', 'EUR', 'SETUP', '10.00', '0.00', '10.00'),
      row('2026-02', 'EUR', '(credit)', '0.00', '4.20', '-4.20'),
      row('2026-02', 'EUR', 'INT-100M', '15.94', '0.00', '15.94'),
      row('2026-02', 'EUR', 'INT-50M', '-12.14', '7.25', '-19.39'),
      row('2026-02', 'USD', 'INT-50M', '32.00', '0.00', '32.00'),
    ]);
    expect(report.totals).toEqual([
      { month: '2026-01', currency: 'EUR', invoiced: '92.20', credited: '0.00', net: '92.20' },
      { month: '2026-02', currency: 'EUR', invoiced: '3.80', credited: '11.45', net: '-7.65' },
      { month: '2026-02', currency: 'USD', invoiced: '32.00', credited: '0.00', net: '32.00' },
    ]);
  });
});
