import { buildMrrReport, buildRevenueReport, buildUnreconciledCashReport } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { mrrReportToCsv, revenueReportToCsv, unreconciledCashToCsv } from './business-reports-to-csv';

describe('business reports as CSV', () => {
  it('revenue: code, category and total records', () => {
    const report = buildRevenueReport(
      [
        { month: '2026-01', currency: 'EUR', billingCode: 'FIBRE', category: 'connectivity', invoiced: '101.92', credited: '10.19' },
        { month: '2026-01', currency: 'EUR', billingCode: '=SUM(A1)', category: 'connectivity', invoiced: '5.00', credited: '0.00' },
      ],
      { fromMonth: '2026-01', toMonth: '2026-01' },
    );
    expect(revenueReportToCsv(report).split('\r\n')).toEqual([
      'level,month,currency,billing_code,category,invoiced,credited,net',
      "billing_code,2026-01,EUR,'=SUM(A1),connectivity,5.00,0.00,5.00",
      'billing_code,2026-01,EUR,FIBRE,connectivity,101.92,10.19,91.73',
      'category,2026-01,EUR,,connectivity,106.92,10.19,96.73',
      'total,2026-01,EUR,,,106.92,10.19,96.73',
      '',
    ]);
  });

  it('MRR movements and unreconciled cash', () => {
    const mrr = buildMrrReport(
      [
        { month: '2026-01', currency: 'EUR', customerId: 'c1', mrr: '100.00' },
        { month: '2026-02', currency: 'EUR', customerId: 'c1', mrr: '150.00' },
      ],
      { fromMonth: '2026-02', toMonth: '2026-02' },
    );
    expect(mrrReportToCsv(mrr).split('\r\n')[1]).toBe('2026-02,EUR,100.00,0.00,50.00,0.00,0.00,150.00,1800.00,1,0,0');
    const cash = buildUnreconciledCashReport(
      [{ currency: 'EUR', status: 'unmatched', credits: 2, amount: '75.50', oldestValueDate: '2026-02-27' }],
      [{ currency: 'EUR', payments: 1, unapplied: '30.00' }],
      '2026-03-01T00:00:00.000Z',
    );
    expect(unreconciledCashToCsv(cash).split('\r\n')[1]).toBe('EUR,0,0.00,2,75.50,2026-02-27,1,30.00,0,0.00,0,0.00,');
    const withPayouts = buildUnreconciledCashReport([], [], '2026-03-01T00:00:00.000Z', [
      { currency: 'EUR', status: 'in_transit', payouts: 2, amount: '289.94', oldestArrivalDate: '2026-02-26' },
      { currency: 'EUR', status: 'review', payouts: 1, amount: '173.5', oldestArrivalDate: '2026-02-20' },
    ]);
    expect(unreconciledCashToCsv(withPayouts).split('\r\n')[1]).toBe(
      'EUR,0,0.00,0,0.00,,0,0.00,2,289.94,1,173.50,2026-02-20',
    );
  });
});
