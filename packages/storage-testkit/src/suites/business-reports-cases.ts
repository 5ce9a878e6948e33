import {
  type BillingStorageAdapter,
  type CustomerSnapshot,
  type Invoice,
  type InvoiceLine,
  listReportQueries,
  money,
  type ReportQueries,
} from '@billfold/core';
import { expect, it } from 'vitest';
import { makeBankCredit } from '../builders/bank-credit';
import { makeCatalogPrice, makeProduct } from '../builders/catalog';
import { makeCreditNote, makeInvoice, makeInvoiceLine } from '../builders/invoice';
import { makePayment } from '../builders/payment';
import { makeSubscription } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { reportParityCase } from './report-parity-case';
import { insertCustomer } from './parents';

const Q1 = { fromMonth: '2026-01', toMonth: '2026-03' };
const JAN_FEB = { from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' };

const snapshot = (timeZone: string): CustomerSnapshot => ({
  name: 'Kit customer',
  email: 'billing@example.com',
  taxIds: [],
  taxStatus: 'taxable',
  locale: 'en-GB',
  timeZone,
});

const line = (overrides: Partial<InvoiceLine> & { taxableAmount: string }): InvoiceLine =>
  makeInvoiceLine({ amount: overrides.taxableAmount, ...overrides });

function invoice(id: string, customerId: string, status: Invoice['status'], lines: InvoiceLine[], rest: Partial<Invoice>) {
  const total = lines.reduce((sum, l) => sum.add(money(l.taxableAmount, 'EUR')), money('0', 'EUR')).toString();
  return makeInvoice({
    id,
    customerId,
    status,
    ...(status === 'draft' ? {} : { number: `KIT-${id}` }),
    lines,
    subtotal: total,
    total,
    amountDue: total,
    amountPaid: status === 'paid' ? total : '0.00',
    amountRemaining: status === 'open' ? total : '0.00',
    ...rest,
  });
}

/**
 * The records of the business reports (figures in the expectations below): c1 (UTC) pays 1,200.00 a year for
 * FIBRE (connectivity) from 1 January 2026 and gets 120.00 of it credited as goodwill; c2 (Berlin) pays 31.00 then
 * 62.00 a month (discounted by 12.00 with a credit note) for SUPPORT (services) from 20 January and buys a 5.00
 * one-off; c3 only has a draft and a void invoice; c5 (Berlin) signs up half an hour before February in UTC, already
 * February at home.
 */
async function seed(storage: BillingStorageAdapter): Promise<void> {
  const c1 = (await insertCustomer(storage, { id: 'kit_biz_c1', createdAt: '2026-01-10T00:00:00.000Z' })).id;
  const c2 = (await insertCustomer(storage, { id: 'kit_biz_c2', createdAt: '2026-01-20T12:00:00.000Z' })).id;
  const c3 = (await insertCustomer(storage, { id: 'kit_biz_c3', createdAt: '2026-02-05T00:00:00.000Z' })).id;
  // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin: a February sign-up, and so is its trial's end
  const c5 = (
    await insertCustomer(storage, { id: 'kit_biz_c5', createdAt: '2026-01-31T23:30:00.000Z', timeZone: 'Europe/Berlin' })
  ).id;
  await insertCustomer(storage, { id: 'kit_biz_c4', createdAt: '2026-03-01T00:00:00.000Z' });
  const fibre = makeProduct({ id: 'kit_biz_fibre', billingCode: 'FIBRE', category: 'connectivity' });
  const support = makeProduct({ id: 'kit_biz_support', billingCode: 'SUPPORT', category: 'services' });
  for (const product of [fibre, support]) await storage.products.insert(product);
  await storage.prices.insert(makeCatalogPrice({ id: 'kit_biz_price', productId: fibre.id }));
  const yearly = line({
    id: 'kit_biz_l1',
    kind: 'subscription',
    billingCode: 'FIBRE',
    taxableAmount: '1200.00',
    periodStart: '2026-01-01T00:00:00.000Z',
    periodEnd: '2027-01-01T00:00:00.000Z',
  });
  const berlin = snapshot('Europe/Berlin');
  await storage.invoices.insertMany([
    invoice('kit_biz_y1', c1, 'paid', [yearly], { issuedAt: '2026-01-10T09:00:00.000Z', customerSnapshot: snapshot('UTC') }),
    invoice(
      'kit_biz_m1',
      c2,
      'open',
      [
        // 20 January – 20 February in Berlin: 12 days in January, 19 in February.
        line({
          kind: 'subscription',
          billingCode: 'SUPPORT',
          taxableAmount: '31.00',
          periodStart: '2026-01-19T23:00:00.000Z',
          periodEnd: '2026-02-19T23:00:00.000Z',
        }),
        line({ kind: 'one_off', taxableAmount: '5.00' }),
      ],
      { issuedAt: '2026-01-20T12:00:00.000Z', customerSnapshot: berlin },
    ),
    invoice(
      'kit_biz_m2',
      c2,
      'open',
      [
        // 20 February – 20 March in Berlin: 9 days in February, 19 in March.
        line({
          id: 'kit_biz_l3',
          kind: 'subscription',
          billingCode: 'SUPPORT',
          taxableAmount: '62.00',
          periodStart: '2026-02-19T23:00:00.000Z',
          periodEnd: '2026-03-19T23:00:00.000Z',
        }),
      ],
      { issuedAt: '2026-02-20T08:00:00.000Z', customerSnapshot: berlin },
    ),
    invoice('kit_biz_d1', c3, 'draft', [line({ kind: 'subscription', taxableAmount: '500.00' })], {}),
    invoice(
      'kit_biz_v1',
      c3,
      'void',
      [
        line({
          kind: 'subscription',
          billingCode: 'FIBRE',
          taxableAmount: '500.00',
          periodStart: '2026-02-01T00:00:00.000Z',
          periodEnd: '2026-03-01T00:00:00.000Z',
        }),
      ],
      { issuedAt: '2026-02-07T00:00:00.000Z', voidedAt: '2026-02-08T00:00:00.000Z' },
    ),
  ]);
  await storage.creditNotes.insert(
    makeCreditNote({
      id: 'kit_biz_cn1',
      invoiceId: 'kit_biz_y1',
      customerId: c1,
      reason: 'product_unsatisfactory',
      lines: [{ id: 'kit_biz_cnl1', invoiceLineId: 'kit_biz_l1', description: 'Goodwill', amount: '120.00', taxes: [] }],
      issuedAt: '2026-03-05T10:00:00.000Z',
    }),
  );
  await storage.creditNotes.insert(
    makeCreditNote({
      id: 'kit_biz_cn2',
      invoiceId: 'kit_biz_m1',
      customerId: c2,
      lines: [{ id: 'kit_biz_cnl2', description: 'Outage', amount: '7.00', taxes: [] }],
      issuedAt: '2026-02-10T10:00:00.000Z',
    }),
  );
  // A price correction of c2's February line: a discount of 12.00 on the month (MRR 62.00 → 50.00)
  await storage.creditNotes.insert(
    makeCreditNote({
      id: 'kit_biz_cn3',
      invoiceId: 'kit_biz_m2',
      customerId: c2,
      reason: 'order_change',
      lines: [{ id: 'kit_biz_cnl3', invoiceLineId: 'kit_biz_l3', description: 'Discount', amount: '12.00', taxes: [] }],
      issuedAt: '2026-02-25T10:00:00.000Z',
    }),
  );
  const payment = (id: string, customerId: string, status: 'succeeded' | 'failed' | 'partially_refunded', receivedAt: string, unapplied: string) =>
    makePayment({ id, customerId, status, receivedAt, amount: '150.00', unapplied, allocations: [] });
  for (const p of [
    payment('kit_biz_p1', c1, 'succeeded', '2026-01-12T09:00:00.000Z', '30.00'),
    payment('kit_biz_p2', c2, 'failed', '2026-01-21T09:00:00.000Z', '5.00'),
    payment('kit_biz_p3', c1, 'partially_refunded', '2026-03-12T09:00:00.000Z', '2.50'),
    payment('kit_biz_p4', c2, 'succeeded', '2026-03-13T09:00:00.000Z', '0.00'),
  ]) {
    await storage.payments.insert(p);
  }
  const trial = (id: string, customerId: string, trialEnd: string | undefined, stop: Partial<{ canceledAt: string; endedAt: string }>) =>
    makeSubscription({ id, customerId, ...(trialEnd !== undefined ? { trialEnd } : {}), ...stop });
  for (const subscription of [
    trial('kit_biz_s1', c1, '2026-01-15T00:00:00.000Z', {}),
    trial('kit_biz_s2', c2, '2026-01-25T00:00:00.000Z', { canceledAt: '2026-01-25T00:00:00.000Z' }),
    trial('kit_biz_s3', c3, '2026-02-10T00:00:00.000Z', { endedAt: '2026-03-01T00:00:00.000Z' }),
    trial('kit_biz_s4', c3, undefined, {}),
    trial('kit_biz_s5', c3, '2026-03-05T00:00:00.000Z', {}),
    trial('kit_biz_s6', c5, '2026-01-31T23:30:00.000Z', {}),
  ]) {
    await storage.subscriptions.insert(subscription);
  }
  for (const credit of [
    makeBankCredit({ id: 'kit_biz_b1', status: 'proposed', reason: 'ambiguous', amount: '100.00', valueDate: '2026-03-02' }),
    makeBankCredit({ id: 'kit_biz_b2', amount: '75.00', valueDate: '2026-02-27' }),
    makeBankCredit({ id: 'kit_biz_b3', amount: '0.50', valueDate: undefined }),
    makeBankCredit({ id: 'kit_biz_b4', amount: '10.00', currency: 'USD', valueDate: '2026-03-01' }),
    makeBankCredit({ id: 'kit_biz_b5', status: 'matched', resolution: 'automatic', customerId: c1, paymentId: 'kit_biz_p1' }),
    makeBankCredit({ id: 'kit_biz_b6', status: 'dismissed', reason: 'interest' }),
  ]) {
    await storage.bankCredits.insert(credit);
  }
}

/** The business report queries' answers in a comparable form (rows rebuilt field by field, amounts by value, sorted). */
async function answers(queries: ReportQueries) {
  const m = (amount: string, currency: string) => money(amount, currency).toString();
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  return {
    revenue: sorted(
      (await queries.recognisedRevenue(Q1)).map((c) => ({
        month: c.month,
        currency: c.currency,
        billingCode: c.billingCode,
        category: c.category,
        invoiced: m(c.invoiced, c.currency),
        credited: m(c.credited, c.currency),
      })),
    ),
    mrr: sorted(
      (await queries.recurringRevenue({ fromMonth: '2025-12', toMonth: '2026-03' })).map((c) => ({
        month: c.month,
        currency: c.currency,
        customerId: c.customerId,
        mrr: m(c.mrr, c.currency),
      })),
    ),
    signups: sorted((await queries.signups(JAN_FEB)).map((c) => ({ ...c }))),
    trials: sorted((await queries.trials(JAN_FEB)).map((c) => ({ month: c.month, trials: c.trials, converted: c.converted }))),
    waiting: sorted(
      (await queries.waitingBankCredits()).map((w) => ({
        currency: w.currency,
        status: w.status,
        credits: w.credits,
        amount: m(w.amount, w.currency),
        oldestValueDate: w.oldestValueDate,
      })),
    ),
    unapplied: sorted(
      (await queries.unappliedPayments()).map((u) => ({ currency: u.currency, payments: u.payments, unapplied: m(u.unapplied, u.currency) })),
    ),
  };
}

const row = (value: object) => JSON.stringify(value);
const rows = (...values: object[]) => values.map(row).sort();

/** The `reports` suite's cases of revenue, MRR, onboarding and unreconciled cash. */
export function businessReportCases(kit: KitContext): void {
  it('revenue, MRR, onboarding and unreconciled cash from list calls give the hand-computed figures', async () => {
    const storage = kit.storage();
    await seed(storage);
    const got = await answers(listReportQueries(storage));
    const cell = (month: string, billingCode: string, category: string, invoiced: string, credited: string) =>
      ({ month, currency: 'EUR', billingCode, category, invoiced, credited });
    expect(got.revenue).toEqual(
      rows(
        // FIBRE: 1,200.00 over 365 days (January 101.92, February 92.05, March 101.92); the 120.00 credit over the
        // same days: 12000 × 31/365 = 1019.18, × 28/365 = 920.55 cents, 3 leftover cents to February first.
        cell('2026-01', 'FIBRE', 'connectivity', '101.92', '10.19'),
        cell('2026-02', 'FIBRE', 'connectivity', '92.05', '9.21'),
        cell('2026-03', 'FIBRE', 'connectivity', '101.92', '10.19'),
        // SUPPORT 31.00 over 12 + 19 Berlin days; 62.00 over 9 + 19: 6200 × 9/28 = 1992.86 → 19.93, 42.07; its
        // 12.00 discount over the same days: 1200 × 9/28 = 385.71, × 19/28 = 814.29 cents, the leftover cent to
        // February → 3.86, 8.14.
        cell('2026-01', 'SUPPORT', 'services', '12.00', '0.00'),
        cell('2026-02', 'SUPPORT', 'services', '38.93', '3.86'),
        cell('2026-03', 'SUPPORT', 'services', '42.07', '8.14'),
        // The one-off without a code in the month of issue; the credit tied to no line in its own month.
        cell('2026-01', '(none)', '(none)', '5.00', '0.00'),
        cell('2026-02', '(credit)', '(none)', '0.00', '7.00'),
      ),
    );
    const mrr = (month: string, customerId: string, amount: string) => ({ month, currency: 'EUR', customerId, mrr: amount });
    expect(got.mrr).toEqual(
      rows(
        // The yearly 1,200.00: 100.00 a month (its 120.00 goodwill credit is a one-off: MRR keeps the price); c2's
        // monthly lines cover the end of January, then of February: 62.00 less its 12.00 discount.
        mrr('2026-01', 'kit_biz_c1', '100.00'),
        mrr('2026-02', 'kit_biz_c1', '100.00'),
        mrr('2026-03', 'kit_biz_c1', '100.00'),
        mrr('2026-01', 'kit_biz_c2', '31.00'),
        mrr('2026-02', 'kit_biz_c2', '50.00'),
      ),
    );
    expect(got.signups).toEqual(
      rows(
        // c1 invoiced after 9 h (32,400,000 ms), paid after 2 d 9 h (205,200,000); c2 invoiced at once, its first
        // payment failed, the next came 52 days less 3 hours after sign-up (4,482,000,000).
        { month: '2026-01', customers: 2, invoiced: 2, msToFirstInvoice: '32400000', paid: 2, msToFirstPayment: '4687200000' },
        // c3's void invoice was issued after 2 days; c5 signed up at 00:30 on 1 February, Berlin time (23:30 UTC
        // the day before), with nothing invoiced yet.
        { month: '2026-02', customers: 2, invoiced: 1, msToFirstInvoice: '172800000', paid: 0, msToFirstPayment: '0' },
      ),
    );
    expect(got.trials).toEqual(
      // c5's trial ends 23:30 UTC on 31 January: in Berlin, February
      rows({ month: '2026-01', trials: 2, converted: 1 }, { month: '2026-02', trials: 2, converted: 2 }),
    );
    expect(got.waiting).toEqual(
      rows(
        { currency: 'EUR', status: 'proposed', credits: 1, amount: '100.00', oldestValueDate: '2026-03-02' },
        { currency: 'EUR', status: 'unmatched', credits: 2, amount: '75.50', oldestValueDate: '2026-02-27' },
        { currency: 'USD', status: 'unmatched', credits: 1, amount: '10.00', oldestValueDate: '2026-03-01' },
      ),
    );
    expect(got.unapplied).toEqual(rows({ currency: 'EUR', payments: 2, unapplied: '32.50' }));
  });

  reportParityCase(kit, "the adapter's own business report queries give the same answers as the list-based ones", seed, answers);
}
