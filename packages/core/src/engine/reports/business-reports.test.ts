import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { createMemoryStorage } from '../../storage/index';
import { createBilling } from '../create-billing';
import { rejection } from '../test-fixture';
import { buildMrrReport } from './mrr-report';
import { buildOnboardingReport } from './onboarding-report';

const cell = (month: string, customerId: string, mrr: string) => ({ month, currency: 'EUR', customerId, mrr });

describe('MRR movements (hand-computed)', () => {
  it('new, expansion, contraction and churn add up from opening to closing', () => {
    // December: A 100.00, B 50.00, C 30.00 (opening 180.00).
    // January:  A 150.00 (+50 expansion), B 20.00 (−30 contraction), C gone (−30 churn), D 70.00 new: 240.00.
    // February: A 150.00, B gone (−20), D 70.00, C back 30.00 (new again): 250.00.
    const report = buildMrrReport(
      [
        cell('2025-12', 'A', '100.00'),
        cell('2025-12', 'B', '50.00'),
        cell('2025-12', 'C', '30.00'),
        cell('2026-01', 'A', '150.00'),
        cell('2026-01', 'B', '20.00'),
        cell('2026-01', 'D', '70.00'),
        cell('2026-02', 'A', '150.00'),
        cell('2026-02', 'C', '30.00'),
        cell('2026-02', 'D', '70.00'),
      ],
      { fromMonth: '2026-01', toMonth: '2026-03' },
    );
    expect(report.months).toEqual([
      {
        month: '2026-01',
        currency: 'EUR',
        opening: '180.00',
        new: '70.00',
        expansion: '50.00',
        contraction: '30.00',
        churn: '30.00',
        closing: '240.00',
        arr: '2880.00',
        customers: 3,
        newCustomers: 1,
        churnedCustomers: 1,
      },
      {
        month: '2026-02',
        currency: 'EUR',
        opening: '240.00',
        new: '30.00',
        expansion: '0.00',
        contraction: '0.00',
        churn: '20.00',
        closing: '250.00',
        arr: '3000.00',
        customers: 3,
        newCustomers: 1,
        churnedCustomers: 1,
      },
      // March: nothing recorded — everyone churns.
      {
        month: '2026-03',
        currency: 'EUR',
        opening: '250.00',
        new: '0.00',
        expansion: '0.00',
        contraction: '0.00',
        churn: '250.00',
        closing: '0.00',
        arr: '0.00',
        customers: 0,
        newCustomers: 0,
        churnedCustomers: 3,
      },
    ]);
  });
});

describe('onboarding (hand-computed)', () => {
  it('averages days to first invoice and payment to one decimal; conversion in percent', () => {
    const day = 86_400_000;
    const report = buildOnboardingReport(
      [{ month: '2026-03', customers: 3, invoiced: 3, msToFirstInvoice: String(3 * day), paid: 2, msToFirstPayment: String(25 * day) }],
      [{ month: '2026-03', trials: 3, converted: 2 }],
      { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
    );
    // 3 days over 3 customers: 1.0; 25 days over 2: 12.5; 2 of 3 trials: 66.7 %.
    expect(report.signups).toEqual([
      { month: '2026-03', newCustomers: 3, invoiced: 3, averageDaysToFirstInvoice: '1.0', paid: 2, averageDaysToFirstPayment: '12.5' },
    ]);
    expect(report.trials).toEqual([{ month: '2026-03', trials: 3, converted: 2, conversionRate: '66.7' }]);
  });
});

describe('reports.revenue and reports.mrr through the engine', () => {
  it('refuse a bad month range with its path, and spread a one-off invoice into its month of issue', async () => {
    const billing = createBilling({ storage: createMemoryStorage(), clock: createTestClock('2026-02-10T09:00:00Z') });
    expect(await rejection(billing.reports.revenue({ fromMonth: '2026-03', toMonth: '2026-01' }))).toMatchObject({
      code: 'invalid_input',
      path: ['range', 'toMonth'],
    });
    expect(await rejection(billing.reports.mrr({ fromMonth: '2026-13', toMonth: '2026-12' }))).toMatchObject({
      code: 'invalid_input',
      path: ['range', 'fromMonth'],
    });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Setup', amount: '80.00' }],
      autoFinalize: true,
    });
    const report = await billing.reports.revenue({ fromMonth: '2026-01', toMonth: '2026-03' });
    expect(report.totals).toEqual([{ month: '2026-02', currency: 'EUR', invoiced: '80.00', credited: '0.00', net: '80.00' }]);
    expect((await billing.reports.unreconciledCash()).currencies).toEqual([]);
  });
});

describe('credit notes and MRR (hand-computed)', () => {
  it('a price correction of a month lowers its MRR; a goodwill credit does not', async () => {
    const clock = createTestClock('2026-01-01T00:00:00Z');
    const billing = createBilling({ storage: createMemoryStorage(), clock });
    const plan = await billing.catalog.products.create({ name: 'Plan', billingCode: 'PLAN', category: 'plans' });
    const price = await billing.catalog.prices.create({
      productId: plan.id,
      spec: { model: 'flat', currency: 'EUR', amount: '100.00' },
      interval: 'month',
    });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    await billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: price.id }] });
    clock.set('2026-02-01T00:00:00Z');
    await billing.runCycle();
    clock.set('2026-03-01T00:00:00Z');
    await billing.runCycle();
    const [january, february, march] = [...(await billing.invoices.list({ customerId: customer.id })).items].sort(
      (a, b) => ((a.issuedAt ?? '') < (b.issuedAt ?? '') ? -1 : 1),
    );
    expect([january, february, march].map((i) => i?.total)).toEqual(['100.00', '100.00', '100.00']);
    const lineOf = (invoice: typeof january) => invoice?.lines.find((l) => l.kind === 'subscription')?.id as string;
    // January: 30.00 back for an outage (a one-off refund); February: the price corrected to 80.00 (a discount)
    await billing.creditNotes.create({
      invoiceId: january?.id as string,
      reason: 'product_unsatisfactory',
      lines: [{ invoiceLineId: lineOf(january), description: 'Outage', amount: '30.00' }],
    });
    await billing.creditNotes.create({
      invoiceId: february?.id as string,
      reason: 'order_change',
      lines: [{ invoiceLineId: lineOf(february), description: 'Discount', amount: '20.00' }],
    });
    const report = await billing.reports.mrr({ fromMonth: '2026-01', toMonth: '2026-03' });
    expect(report.months.map((m) => [m.month, m.opening, m.new, m.expansion, m.contraction, m.closing])).toEqual([
      ['2026-01', '0.00', '100.00', '0.00', '0.00', '100.00'], // the outage credit leaves January at 100.00
      ['2026-02', '100.00', '0.00', '0.00', '20.00', '80.00'], // 100.00 − 20.00 discount
      ['2026-03', '80.00', '0.00', '20.00', '0.00', '100.00'], // back to the full price
    ]);
  });
});
