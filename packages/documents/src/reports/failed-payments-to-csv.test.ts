import { buildFailedPaymentsReport } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { failedPaymentsToCsv } from './failed-payments-to-csv';

describe('failed payments as CSV', () => {
  it('one record per declined attempt, by failed_at, text neutralised, optional cells empty', () => {
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const row = {
      customerId: 'cus_1',
      invoiceId: 'inv_1',
      gateway: 'stripe',
      attemptNumber: 1,
      trigger: 'automatic' as const,
      currency: 'EUR',
      declineKind: 'soft' as const,
      invoiceStatus: 'paid',
    };
    const report = buildFailedPaymentsReport(
      [
        {
          ...row,
          attemptId: 'pat_2',
          failedAt: '2026-03-20T08:00:00.000Z',
          amount: '45.50',
          declineCode: 'stolen_card',
          declineKind: 'hard',
          declineMessage: '=HYPERLINK("x"), declined',
          invoiceStatus: 'open',
        },
        {
          ...row,
          attemptId: 'pat_1',
          invoiceNumber: 'INV-2026-000001',
          failedAt: '2026-03-02T10:00:00.000Z',
          amount: '119.00',
          declineCode: 'insufficient_funds',
          declineMessage: 'Your card has insufficient funds.',
          nextAttemptAt: '2026-03-03T10:00:00.000Z',
        },
      ],
      range,
    );
    expect(failedPaymentsToCsv(report).split('\r\n')).toEqual([
      'attempt_id,failed_at,customer_id,invoice_id,invoice_number,gateway,attempt_number,trigger,currency,amount,' +
        'decline_code,decline_kind,decline_message,next_attempt_at,invoice_status',
      'pat_1,2026-03-02T10:00:00.000Z,cus_1,inv_1,INV-2026-000001,stripe,1,automatic,EUR,119.00,insufficient_funds,' +
        'soft,Your card has insufficient funds.,2026-03-03T10:00:00.000Z,paid',
      `pat_2,2026-03-20T08:00:00.000Z,cus_1,inv_1,,stripe,1,automatic,EUR,45.50,stolen_card,hard,"'=HYPERLINK(""x""), declined",,open`,
      '',
    ]);
  });
});
