import { type BillingStorageAdapter, listReportQueries, money, type ReportQueries } from '@billfold/core';
import { expect, it } from 'vitest';
import { makePaymentAttempt } from '../builders/online-payments';
import type { KitContext } from '../kit-context';
import { reportParityCase } from './report-parity-case';
import { insertCustomer, insertInvoice } from './parents';

const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const hard = { code: 'stolen_card', message: 'Your card was declined.', kind: 'hard' } as const;

/**
 * The attempts of the failed-payments cases: on the paid invoice p1 a soft decline in March (retried, then
 * paid); on the open invoice o1 a hard decline in March and a soft one at the first instant of April (out); a
 * decline in February (out); a failed attempt without a decline (out); a succeeded one (out); a decline on an
 * invoice the storage does not hold, its `failedAt` missing (its `updatedAt` in March counts).
 */
async function seed(storage: BillingStorageAdapter): Promise<void> {
  const customerId = (await insertCustomer(storage, { id: 'kit_fp_c1' })).id;
  await insertInvoice(storage, {
    id: 'kit_fp_p1',
    customerId,
    status: 'paid',
    number: 'KIT-FP-1',
    amountRemaining: '0.00',
  });
  await insertInvoice(storage, { id: 'kit_fp_o1', customerId, status: 'open', number: 'KIT-FP-2' });
  // `undefined` in `rest` leaves the field out.
  const attempt = (id: string, invoiceId: string, rest: Record<string, unknown>) => {
    const made = makePaymentAttempt({ id, customerId, invoiceId, idempotencyKey: `${id}:attempt`, ...rest });
    return storage.paymentAttempts.insert(
      Object.fromEntries(Object.entries(made).filter(([, value]) => value !== undefined)) as typeof made,
    );
  };
  await attempt('kit_fp_a1', 'kit_fp_p1', {
    amount: '119.00',
    failedAt: '2026-03-02T10:00:00.000Z',
    dueAt: '2026-03-03T10:00:00.000Z',
  });
  await attempt('kit_fp_a2', 'kit_fp_o1', {
    amount: '45.5',
    decline: hard,
    failedAt: '2026-03-31T23:59:59.999Z',
    dueAt: undefined,
  });
  await attempt('kit_fp_a3', 'kit_fp_o1', { amount: '45.50', attemptNumber: 2, failedAt: '2026-04-01T00:00:00.000Z' });
  await attempt('kit_fp_a4', 'kit_fp_p1', { failedAt: '2026-02-28T23:59:59.999Z' });
  await attempt('kit_fp_a5', 'kit_fp_o1', { decline: undefined, failedAt: '2026-03-10T00:00:00.000Z' });
  await attempt('kit_fp_a6', 'kit_fp_p1', {
    status: 'succeeded',
    decline: undefined,
    failedAt: undefined,
    paymentId: 'pay_x',
  });
  await attempt('kit_fp_a7', 'kit_fp_gone', {
    amount: '10.00',
    currency: 'USD',
    trigger: 'portal',
    failedAt: undefined,
    dueAt: undefined,
    updatedAt: '2026-03-15T12:00:00.000Z',
  });
}

/** The failed-payments rows in a comparable form (amounts by value, sorted by attempt id). */
async function answers(queries: ReportQueries) {
  const rows = await queries.failedPayments(MARCH);
  return rows
    .map((row) => ({ ...row, amount: money(row.amount, row.currency).toString() }))
    .sort((a, b) => (a.attemptId < b.attemptId ? -1 : 1));
}

/** The `reports` suite's cases of failed payments: hand-computed rows, and the adapter's own query against them. */
export function failedPaymentsCases(kit: KitContext): void {
  it('failed payments from list calls: the declines of the range with their invoices as they are now', async () => {
    const storage = kit.storage();
    await seed(storage);
    const common = { customerId: 'kit_fp_c1', gateway: 'stripe', currency: 'EUR' };
    expect(await answers(listReportQueries(storage))).toEqual([
      {
        attemptId: 'kit_fp_a1',
        ...common,
        invoiceId: 'kit_fp_p1',
        invoiceNumber: 'KIT-FP-1',
        attemptNumber: 1,
        trigger: 'automatic',
        failedAt: '2026-03-02T10:00:00.000Z',
        amount: '119.00',
        declineCode: 'insufficient_funds',
        declineMessage: 'Your card has insufficient funds.',
        declineKind: 'soft',
        nextAttemptAt: '2026-03-03T10:00:00.000Z',
        invoiceStatus: 'paid',
      },
      {
        attemptId: 'kit_fp_a2',
        ...common,
        invoiceId: 'kit_fp_o1',
        invoiceNumber: 'KIT-FP-2',
        attemptNumber: 1,
        trigger: 'automatic',
        failedAt: '2026-03-31T23:59:59.999Z',
        amount: '45.50',
        declineCode: 'stolen_card',
        declineMessage: 'Your card was declined.',
        declineKind: 'hard',
        invoiceStatus: 'open',
      },
      {
        attemptId: 'kit_fp_a7',
        ...common,
        currency: 'USD',
        invoiceId: 'kit_fp_gone',
        attemptNumber: 1,
        trigger: 'portal',
        failedAt: '2026-03-15T12:00:00.000Z',
        amount: '10.00',
        declineCode: 'insufficient_funds',
        declineMessage: 'Your card has insufficient funds.',
        declineKind: 'soft',
        invoiceStatus: 'unknown',
      },
    ]);
  });

  reportParityCase(
    kit,
    "the adapter's own failed-payments query gives the same rows as the list-based one",
    seed,
    answers,
  );
}
