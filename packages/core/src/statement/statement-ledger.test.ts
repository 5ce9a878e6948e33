import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../domain/customer';
import type { Invoice } from '../domain/invoice';
import type { BalanceTransaction } from '../domain/payment';
import { listAll } from '../domain/list-all';
import { money } from '../money/money';
import { createCycleFixture } from '../engine/run-cycle/cycle-fixture';
import { createEngineFixture } from '../engine/test-fixture';
import { buildStatement } from './build-statement';
import { readStatementRecords } from './read-statement-records';

const customer: Customer = {
  id: 'cus_1',
  name: 'Ada',
  email: 'ada@example.com',
  taxIds: [],
  locale: 'en',
  timeZone: 'UTC',
  currency: 'EUR',
  paymentTermsDays: 14,
  taxStatus: 'taxable',
  taxRateIds: [],
  metadata: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

function invoice(fields: Partial<Invoice> & { id: string; total: string; issuedAt: string }): Invoice {
  return {
    number: fields.id.toUpperCase(),
    sequence: 'INV-2026',
    customerId: customer.id,
    billingReason: 'manual',
    status: 'paid',
    currency: 'EUR',
    lines: [],
    taxRates: [],
    subtotal: fields.total,
    discountTotal: '0.00',
    taxes: [],
    taxTotal: '0.00',
    roundingAmount: '0.00',
    creditApplied: '0.00',
    amountDue: fields.total,
    amountPaid: '0.00',
    amountCredited: '0.00',
    amountRemaining: '0.00',
    notes: [],
    createdAt: fields.issuedAt,
    remindersSent: 0,
    overdue: false,
    metadata: {},
    version: 2,
    ...fields,
  };
}

const eur = (amount: string) => money(amount, 'EUR');

/** `share` percent of `amount`, rounded to cents; undefined when that is nothing. */
function share(amount: string, percent: number): string | undefined {
  const part = eur(amount).multiply(String(percent)).multiply('0.01').round();
  return part.isZero() || part.isNegative() ? undefined : part.toString();
}

const entry = (id: string, type: BalanceTransaction['type'], amount: string, createdAt: string, referenceId?: string) =>
  ({
    id,
    customerId: customer.id,
    currency: 'EUR',
    type,
    amount,
    createdAt,
    ...(referenceId ? { referenceId } : {}),
  }) as const;

describe('statement ledger', () => {
  it('shows a negative invoice as a credit once, and balance adjustments both ways', () => {
    // A downgrade invoice of −10.00 turns into 10.00 credit (its proration entry mirrors it: no second line);
    // a goodwill adjustment of +5.00 and a correction of −2.00 change what is owed by themselves.
    const downgrade = invoice({
      id: 'inv_down',
      total: '-10.00',
      creditApplied: '-10.00',
      amountDue: '0.00',
      issuedAt: '2026-03-02T10:00:00.000Z',
    });
    const statement = buildStatement({
      customer,
      invoices: [downgrade],
      payments: [],
      creditNotes: [],
      balanceTransactions: [
        entry('btx_1', 'proration', '10.00', '2026-03-02T10:00:00.000Z', 'inv_down'),
        entry('btx_2', 'adjustment', '5.00', '2026-03-03T00:00:00.000Z'),
        entry('btx_3', 'adjustment', '-2.00', '2026-03-04T00:00:00.000Z'),
      ],
      period: { start: '2026-03-01', end: '2026-03-31' },
    });
    expect(statement.asOf).toBe('2026-03-31T23:59:59.999Z');
    expect(statement.currencies[0]?.entries.map((e) => [e.kind, e.debit, e.credit, e.balance])).toEqual([
      ['invoice', '0.00', '10.00', '-10.00'],
      ['adjustment', '0.00', '5.00', '-15.00'],
      ['adjustment', '2.00', '0.00', '-13.00'],
    ]);
    expect(statement.currencies[0]).toMatchObject({
      closingBalance: '-13.00',
      creditBalance: '13.00',
      openTotal: '0.00',
    });
  });

  it('shows a proration credit on cancellation as its own line', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    const { subscription } = await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }],
    });
    f.clock.set('2026-01-16T00:00:00Z');
    // Pro for January: 29.00 + 5.51 VAT = 34.51, unpaid; unused 16 of 31 days: 34.51 × 16/31 = 17.81.
    await f.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false, prorate: true });
    const customerId = f.customer.id;
    const statement = buildStatement({
      customer: f.customer,
      invoices: await f.invoices(),
      payments: [],
      creditNotes: [],
      balanceTransactions: await listAll((page) => f.billing.balance.transactions(customerId, page)),
      period: { start: '2026-01-01', end: '2026-01-31' },
      asOf: f.clock.now(),
    });
    const eur = statement.currencies[0];
    expect(eur?.entries.map((e) => [e.kind, e.debit, e.credit, e.balance])).toEqual([
      ['invoice', '34.51', '0.00', '34.51'],
      ['credit', '0.00', '17.81', '16.70'],
    ]);
    expect(eur).toMatchObject({ openTotal: '34.51', creditBalance: '17.81', closingBalance: '16.70' });
  });

  it('chains periods and adds up for any mix of invoices, payments, credit notes, refunds and voids', async () => {
    const operation = fc.oneof(
      fc.record({ op: fc.constant('invoice' as const), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ op: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 60_000 }) }),
      fc.record({ op: fc.constant('credit' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ op: fc.constant('refund' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
    );
    const scenario = fc.array(fc.tuple(operation, fc.integer({ min: 1, max: 240 })), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const { billing, clock, customer: buyer } = await createEngineFixture();
        clock.set('2026-02-20T00:00:00Z');
        const customerId = buyer.id;
        const cents = (value: number) => eur(String(value)).multiply('0.01').toString();
        for (const [step, hours] of steps) {
          clock.advance({ hours });
          const open = (await billing.invoices.list({ customerId, status: 'open' })).items;
          const target = <T>(list: readonly T[], pick: number) => list[pick % Math.max(1, list.length)];
          if (step.op === 'invoice') {
            await billing.invoices.createOneOff({
              customerId,
              lines: [{ description: 'Work', amount: cents(step.cents) }],
              autoFinalize: true,
            });
          } else if (step.op === 'pay') {
            await billing.payments.record({ customerId, amount: cents(step.cents), currency: 'EUR', method: 'cash' });
          } else if (step.op === 'credit') {
            const chosen = target(open, step.pick);
            const amount = chosen && share(chosen.amountRemaining, step.share);
            if (chosen && amount) await billing.creditNotes.create({ invoiceId: chosen.id, amount, reason: 'other' });
          } else if (step.op === 'refund') {
            const chosen = target((await billing.payments.list({ customerId })).items, step.pick);
            const left = chosen && eur(chosen.amount).subtract(eur(chosen.amountRefunded)).toString();
            const amount = chosen && left && share(left, step.share);
            if (chosen && amount) {
              await billing.payments.refund({ paymentId: chosen.id, amount }).catch((error) => {
                // Credit already spent on later invoices cannot be refunded: the engine refuses, nothing changes.
                if (error.code !== 'invalid_state') throw error;
              });
            }
          } else {
            const chosen = open.find(
              (inv, i) => i === step.pick % Math.max(1, open.length) && inv.amountPaid === '0.00',
            );
            if (chosen && chosen.amountCredited === '0.00') await billing.invoices.void(chosen.id);
          }
        }
        const records = { ...(await readStatementRecords(billing, customerId)), asOf: clock.now() };
        const february = buildStatement({ ...records, period: { start: '2026-02-01', end: '2026-02-28' } });
        const rest = buildStatement({ ...records, period: { start: '2026-03-01', end: '2026-12-31' } });
        const [feb, after] = [february.currencies[0], rest.currencies[0]];
        expect(feb?.openingBalance).toBe('0.00');
        expect(after?.openingBalance).toBe(feb?.closingBalance);
        // Up to now, what is owed is the open invoices less the credit.
        const open = records.invoices
          .filter((inv) => inv.status === 'open')
          .reduce((total, inv) => total.add(eur(inv.amountRemaining)), eur('0'));
        expect(after?.closingBalance).toBe(open.subtract(eur(after?.creditBalance ?? '')).toString());
        for (const section of [feb, after]) {
          const last = section?.entries.at(-1)?.balance ?? section?.openingBalance;
          expect(last).toBe(section?.closingBalance);
        }
      }),
      { numRuns: 25 },
    );
  });
});
