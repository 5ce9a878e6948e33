import { buildFailedPayments, type Invoice, type PaymentAttempt } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { formatFailedPayments } from './format-reports';

const attempt = (n: number, code: string, kind: 'soft' | 'hard', dueAt?: string): PaymentAttempt => ({
  id: `att_${n}`,
  customerId: 'cus_1',
  invoiceId: 'inv_1',
  gateway: 'stripe',
  attemptNumber: n,
  trigger: n === 1 ? 'automatic' : 'retry',
  status: 'failed',
  amount: '119.00',
  currency: 'EUR',
  idempotencyKey: `inv_1:attempt:${n}`,
  decline: { code, message: 'Declined', kind },
  failedAt: `2026-03-0${n}T09:00:00.000Z`,
  ...(dueAt !== undefined ? { dueAt } : {}),
  createdAt: `2026-03-0${n}T09:00:00.000Z`,
  updatedAt: `2026-03-0${n}T09:00:00.000Z`,
  version: 1,
});

describe('formatFailedPayments', () => {
  it('prints each decline, the declines by code and the totals: 2 × 119.00 = 238.00 declined', () => {
    const invoice = { id: 'inv_1', number: 'INV-2026-000007', status: 'open' } as Invoice;
    const report = buildFailedPayments(
      [attempt(1, 'insufficient_funds', 'soft', '2026-03-02T09:00:00.000Z'), attempt(2, 'stolen_card', 'hard')],
      new Map([[invoice.id, invoice]]),
      { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
    );
    const lines = formatFailedPayments(report);
    expect(lines[0]).toBe('Failed payments from 2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z');
    expect(lines.join('\n')).toContain('INV-2026-000007');
    expect(lines.find((line) => line.includes('insufficient_funds (soft)'))).toContain('2026-03-02 09:00');
    expect(lines.find((line) => line.startsWith('EUR'))?.split(/\s+/)).toEqual(['EUR', '2', '238.00', '1', '0']);
    expect(formatFailedPayments({ ...report, rows: [], byCode: [], totals: [] })).toEqual([`${lines[0]}: none.`]);
  });
});
