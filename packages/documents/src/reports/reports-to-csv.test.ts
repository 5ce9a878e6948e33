import {
  buildAgingReport,
  buildCollectionsEffectiveness,
  buildPaymentConfirmation,
  type Payment,
} from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { agingReportToCsv, collectionsEffectivenessToCsv, paymentConfirmationToCsv } from './reports-to-csv';

const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

describe('reports as CSV', () => {
  it('aging: a record per customer and currency, then the totals; names neutralised against formulas', () => {
    const report = buildAgingReport(
      [
        {
          customerId: 'cus_a',
          customerName: 'Acme GmbH',
          currency: 'EUR',
          bucket: '1-30',
          amount: '1000',
          invoices: 1,
        },
        {
          customerId: 'cus_a',
          customerName: 'Acme GmbH',
          currency: 'EUR',
          bucket: 'current',
          amount: '93.97',
          invoices: 2,
        },
        {
          customerId: 'cus_b',
          customerName: '=HYPERLINK("x")',
          currency: 'EUR',
          bucket: '90+',
          amount: '5.5',
          invoices: 1,
        },
      ],
      '2026-04-01T00:00:00.000Z',
    );
    expect(agingReportToCsv(report).split('\r\n')).toEqual([
      'customer_id,customer_name,currency,current,days_1_30,days_31_60,days_61_90,days_over_90,total,invoices',
      'cus_b,"\'=HYPERLINK(""x"")",EUR,0.00,0.00,0.00,0.00,5.50,5.50,1',
      'cus_a,Acme GmbH,EUR,93.97,1000.00,0.00,0.00,0.00,1093.97,3',
      ',Total,EUR,93.97,1000.00,0.00,0.00,5.50,1099.47,4',
      '',
    ]);
  });

  it('payment confirmation: a record per allocation, the payment repeated', () => {
    const payment: Payment = {
      id: 'pay_1',
      customerId: 'cus_a',
      currency: 'EUR',
      amount: '1100.00',
      method: 'bank_transfer',
      reference: 'SEPA, 4711',
      status: 'succeeded',
      allocations: [
        { invoiceId: 'inv_1', amount: '1000.00' },
        { invoiceId: 'inv_2', amount: '66.83' },
      ],
      unapplied: '33.17',
      amountRefunded: '0.00',
      receivedAt: '2026-03-30T10:00:00.000Z',
      metadata: {},
      version: 1,
    };
    const report = buildPaymentConfirmation(
      [
        {
          payment,
          allocations: [
            { invoiceId: 'inv_1', number: 'INV-2026-000001', amount: '1000.00' },
            { invoiceId: 'inv_2', number: 'INV-2026-000002', amount: '66.83' },
          ],
        },
      ],
      MARCH,
    );
    expect(paymentConfirmationToCsv(report).split('\r\n').slice(1, 3)).toEqual([
      'pay_1,2026-03-30T10:00:00.000Z,cus_a,bank_transfer,"SEPA, 4711",succeeded,EUR,1100.00,inv_1,INV-2026-000001,1000.00,33.17,0.00',
      'pay_1,2026-03-30T10:00:00.000Z,cus_a,bank_transfer,"SEPA, 4711",succeeded,EUR,1100.00,inv_2,INV-2026-000002,66.83,33.17,0.00',
    ]);
  });

  it('collections effectiveness: one measure per record', () => {
    const report = buildCollectionsEffectiveness(
      {
        receivables: [{ currency: 'EUR', invoiced: '3000', invoicesIssued: 3, receivable: '1500', openInvoices: 1 }],
        recovered: [{ currency: 'EUR', reminderStep: 2, invoices: 1, amount: '1000' }],
        fees: [{ currency: 'EUR', kind: 'reminder', fees: 2, charged: '50', waived: '25' }],
      },
      { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' },
    );
    // DSO: 1,500.00 / 3,000.00 × 30 days = 15.0
    expect(collectionsEffectivenessToCsv(report).split('\r\n')).toEqual([
      'currency,measure,reminder_step,fee_kind,count,value',
      'EUR,invoiced,,,,3000.00',
      'EUR,receivable,,,,1500.00',
      'EUR,dso_days,,,,15.0',
      'EUR,recovered,2,,1,1000.00',
      'EUR,fees_charged,,reminder,2,50.00',
      'EUR,fees_waived,,reminder,,25.00',
      '',
    ]);
  });
});
