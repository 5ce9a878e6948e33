import {
  type BillingStorageAdapter,
  type CustomerSnapshot,
  type Invoice,
  listReportQueries,
  money,
  type ReportQueries,
} from '@billfold/core';
import { expect, it } from 'vitest';
import { makeCollectionFee } from '../builders/collections';
import { makeInvoice } from '../builders/invoice';
import { makePayment } from '../builders/payment';
import type { KitContext } from '../kit-context';
import { reportParityCase } from './report-parity-case';
import { businessReportCases } from './business-reports-cases';
import { failedPaymentsCases } from './failed-payments-cases';
import { insertCustomer } from './parents';

const AS_OF = '2026-04-01T06:00:00.000Z'; // 08:00 in Berlin (summer time)
const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

const snapshot = (name: string, timeZone?: string): CustomerSnapshot => ({
  name,
  email: 'billing@example.com',
  taxIds: [],
  taxStatus: 'taxable',
  locale: 'en-GB',
  ...(timeZone !== undefined ? { timeZone } : {}),
});

/** An invoice of `amount` with everything consistent for its status. */
function invoice(
  id: string,
  customerId: string,
  status: Invoice['status'],
  amount: string,
  overrides: Partial<Invoice>,
) {
  const owed = status === 'open' || status === 'uncollectible';
  return makeInvoice({
    id,
    customerId,
    status,
    number: status === 'draft' ? undefined : `KIT-${id}`,
    subtotal: amount,
    total: amount,
    amountDue: amount,
    amountPaid: status === 'paid' ? amount : '0.00',
    amountRemaining: owed ? amount : '0.00',
    issuedAt: '2026-03-02T09:00:00.000Z',
    dueAt: '2026-03-16T22:59:59.999Z',
    ...overrides,
  });
}

/**
 * Stores the records of the report cases (figures in the comments of the expectations below): Alpha in Berlin
 * (EUR), Beta without a time zone (UTC, USD and EUR), payments and past-due fees.
 */
async function seed(storage: BillingStorageAdapter): Promise<void> {
  const alpha = (await insertCustomer(storage, { id: 'kit_rep_alpha' })).id;
  const beta = (await insertCustomer(storage, { id: 'kit_rep_beta' })).id;
  const berlin = (name: string) => snapshot(name, 'Europe/Berlin');
  await storage.invoices.insertMany([
    // Due at the end of 15 March in Berlin: on 1 April 17 days past due.
    invoice('a1', alpha, 'open', '1000.00', {
      issuedAt: '2026-03-01T08:00:00.000Z',
      dueAt: '2026-03-15T22:59:59.999Z',
      customerSnapshot: berlin('Alpha (old name)'),
    }),
    invoice('a2', alpha, 'open', '66.83', {
      issuedAt: '2026-03-22T07:00:00.000Z',
      dueAt: '2026-04-05T21:59:59.999Z',
      customerSnapshot: berlin('Alpha GmbH'),
    }),
    // Due 15 January: 31 + 28 + 17 = 76 days.
    invoice('a0', alpha, 'open', '5.25', {
      issuedAt: '2026-01-01T09:00:00.000Z',
      dueAt: '2026-01-15T22:59:59.999Z',
      customerSnapshot: berlin('Alpha (old name)'),
    }),
    invoice('a4', alpha, 'paid', '1000.00', { paidAt: '2026-03-30T10:00:00.000Z', remindersSent: 4 }),
    invoice('a5', alpha, 'void', '30.00', { voidedAt: '2026-03-03T09:00:00.000Z' }),
    invoice('a6', alpha, 'draft', '7.00', { issuedAt: undefined, dueAt: undefined }),
    invoice('a7', alpha, 'open', '9.00', { amountRemaining: '0.00' }),
    invoice('a8', alpha, 'open', '11.00', { issuedAt: '2026-04-01T07:00:00.000Z', dueAt: '2026-04-15T21:59:59.999Z' }),
    invoice('a9', alpha, 'paid', '20.00', { issuedAt: '2026-03-01T10:00:00.000Z', paidAt: '2026-03-10T09:00:00.000Z' }),
    invoice('a10', alpha, 'paid', '50.00', {
      issuedAt: '2026-02-01T10:00:00.000Z',
      paidAt: '2026-02-20T09:00:00.000Z',
    }),
    // Beta: no snapshot time zone (UTC). Due at the end of 15 December: 16 + 31 + 28 + 31 + 1 = 107 days.
    invoice('b1', beta, 'open', '99.99', {
      currency: 'USD',
      issuedAt: '2025-12-01T09:00:00.000Z',
      dueAt: '2025-12-15T23:59:59.999Z',
      customerSnapshot: snapshot('Beta Inc.'),
    }),
    // Due at the end of 31 March UTC: 1 day on 1 April; no snapshot at all: named by its customer id.
    invoice('b2', beta, 'open', '0.01', {
      currency: 'USD',
      issuedAt: '2026-03-17T09:00:00.000Z',
      dueAt: '2026-03-31T23:59:59.999Z',
    }),
    invoice('b3', beta, 'paid', '5.00', {
      currency: 'USD',
      issuedAt: '2026-03-05T09:00:00.000Z',
      paidAt: '2026-03-20T09:00:00.000Z',
      remindersSent: 2,
    }),
  ]);
  const paid = (id: string, receivedAt: string, status: 'succeeded' | 'failed' | 'refunded', amount = '1100.00') =>
    makePayment({
      id,
      customerId: alpha,
      amount,
      receivedAt,
      status,
      allocations: [{ invoiceId: 'a4', amount: '1000.00' }],
      unapplied: '100.00',
      amountRefunded: status === 'refunded' ? amount : '0.00',
      reference: `REF ${id}`,
    });
  for (const payment of [
    paid('kit_rep_p1', '2026-03-30T10:00:00.000Z', 'succeeded'),
    paid('kit_rep_p2', '2026-04-02T10:00:00.000Z', 'succeeded'),
    paid('kit_rep_p3', '2026-03-15T10:00:00.000Z', 'failed'),
    paid('kit_rep_p4', '2026-03-12T10:00:00.000Z', 'refunded'),
  ]) {
    await storage.payments.insert(payment);
  }
  const fee = (
    id: string,
    kind: 'reminder' | 'interest' | 'compensation',
    amount: string,
    createdAt: string,
    waived = false,
  ) =>
    makeCollectionFee({
      id,
      customerId: alpha,
      invoiceId: 'a1',
      kind,
      key: `${kind}/${id}`,
      amount,
      createdAt,
      ...(waived ? { status: 'waived', waivedAt: '2026-03-23T09:00:00.000Z', creditNoteId: 'cn_kit' } : {}),
    });
  await storage.collectionFees.insertMany([
    fee('kit_rep_f1', 'reminder', '25.00', '2026-03-22T07:00:00.000Z'),
    fee('kit_rep_f2', 'interest', '1.83', '2026-03-22T07:00:00.000Z', true),
    fee('kit_rep_f3', 'compensation', '40.00', '2026-03-22T07:00:00.000Z'),
    fee('kit_rep_f4', 'reminder', '25.00', '2026-03-29T07:00:00.000Z'),
    fee('kit_rep_f5', 'reminder', '25.00', '2026-04-05T07:00:00.000Z'),
  ]);
}

/**
 * Every answer of `queries` over the seeded records, in a comparable form: each row rebuilt field by field (an
 * adapter may return keys in any order), amounts by value, rows sorted.
 */
async function answers(queries: ReportQueries) {
  const m = (amount: string, currency: string) => money(amount, currency).toString();
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    aging: sorted(
      (await queries.aging({ asOf: AS_OF })).map((c) => ({
        customerId: c.customerId,
        customerName: c.customerName,
        currency: c.currency,
        bucket: c.bucket,
        amount: m(c.amount, c.currency),
        invoices: c.invoices,
      })),
    ),
    payments: sorted(
      (await queries.paymentsReceived(MARCH)).map((r) => ({
        id: r.payment.id,
        allocations: r.allocations.map((a) => ({
          invoiceId: a.invoiceId,
          amount: m(a.amount, r.payment.currency),
          number: a.number,
        })),
      })),
    ),
    recovered: sorted(
      (await queries.recoveredByStep(MARCH)).map((r) => ({
        currency: r.currency,
        reminderStep: r.reminderStep,
        invoices: r.invoices,
        amount: m(r.amount, r.currency),
      })),
    ),
    receivables: sorted(
      (await queries.receivables(MARCH)).map((r) => ({
        currency: r.currency,
        invoiced: m(r.invoiced, r.currency),
        invoicesIssued: r.invoicesIssued,
        receivable: m(r.receivable, r.currency),
        openInvoices: r.openInvoices,
      })),
    ),
    fees: sorted(
      (await queries.fees(MARCH)).map((f) => ({
        currency: f.currency,
        kind: f.kind,
        fees: f.fees,
        charged: m(f.charged, f.currency),
        waived: m(f.waived, f.currency),
      })),
    ),
  };
}

const row = (value: object) => JSON.stringify(value);

/** Suite `reports`: the report queries from `list` calls, worked by hand; an adapter's own queries give the same. */
export function reportsSuite(kit: KitContext): void {
  it('the report queries from list calls give the hand-computed figures', async () => {
    const storage = kit.storage();
    await seed(storage);
    const got = await answers(listReportQueries(storage));
    const cell = (
      customerId: string,
      customerName: string,
      currency: string,
      bucket: string,
      amount: string,
      invoices: number,
    ) => row({ customerId, customerName, currency, bucket, amount, invoices });
    expect(got.aging).toEqual(
      [
        // Alpha's newest open invoice (a2) names it; a1 is 17 days late, a2 current, a0 76 days.
        cell('kit_rep_alpha', 'Alpha GmbH', 'EUR', '1-30', '1000.00', 1),
        cell('kit_rep_alpha', 'Alpha GmbH', 'EUR', 'current', '66.83', 1),
        cell('kit_rep_alpha', 'Alpha GmbH', 'EUR', '61-90', '5.25', 1),
        // Beta's newest open USD invoice (b2) has no snapshot: its customer id names it.
        cell('kit_rep_beta', 'kit_rep_beta', 'USD', '90+', '99.99', 1),
        cell('kit_rep_beta', 'kit_rep_beta', 'USD', '1-30', '0.01', 1),
      ].sort(),
    );
    expect(got.payments).toEqual(
      [
        row({ id: 'kit_rep_p1', allocations: [{ invoiceId: 'a4', amount: '1000.00', number: 'KIT-a4' }] }),
        row({ id: 'kit_rep_p4', allocations: [{ invoiceId: 'a4', amount: '1000.00', number: 'KIT-a4' }] }),
      ].sort(),
    );
    expect(got.recovered).toEqual(
      [
        row({ currency: 'EUR', reminderStep: 4, invoices: 1, amount: '1000.00' }), // a4
        row({ currency: 'EUR', reminderStep: 0, invoices: 1, amount: '20.00' }), // a9
        row({ currency: 'USD', reminderStep: 2, invoices: 1, amount: '5.00' }), // b3
      ].sort(),
    );
    expect(got.receivables).toEqual(
      [
        // Issued in March, not void: a1 1,000.00 + a2 66.83 + a4 1,000.00 + a7 9.00 + a9 20.00 = 2,095.83 (5);
        // open, issued before April: a1 + a2 + a0 5.25 + a7 0.00 = 1,072.08 (4).
        row({ currency: 'EUR', invoiced: '2095.83', invoicesIssued: 5, receivable: '1072.08', openInvoices: 4 }),
        // b2 0.01 + b3 5.00 issued in March; open: b1 99.99 + b2 0.01.
        row({ currency: 'USD', invoiced: '5.01', invoicesIssued: 2, receivable: '100.00', openInvoices: 2 }),
      ].sort(),
    );
    expect(got.fees).toEqual(
      [
        row({ currency: 'EUR', kind: 'reminder', fees: 2, charged: '50.00', waived: '0.00' }),
        row({ currency: 'EUR', kind: 'interest', fees: 1, charged: '1.83', waived: '1.83' }),
        row({ currency: 'EUR', kind: 'compensation', fees: 1, charged: '40.00', waived: '0.00' }),
      ].sort(),
    );
  });

  reportParityCase(kit, "the adapter's own report queries give the same answers as the list-based ones", seed, answers);

  businessReportCases(kit);
  failedPaymentsCases(kit);
}
