import { HOSTILE_DESCRIPTION, HOSTILE_NAME } from './hostile-text';
import {
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  type PaymentGateway,
  type TestClock,
} from '@billfold/core';

/** The kinds of customer the browser tests claim, each one fresh for one test. */
export type Scenario = 'standard' | 'overdue' | 'hostile' | 'many' | 'screenshot' | 'discounted' | 'german';

/** How many customers of each kind are seeded. */
const COUNTS: Readonly<Record<Scenario, number>> = {
  standard: 48,
  overdue: 8,
  hostile: 2,
  many: 2,
  screenshot: 1,
  discounted: 1,
  german: 3,
};

/** A seeded customer. */
export interface SeededCustomer {
  readonly scenario: Scenario;
  readonly id: string;
  readonly subscriptionId: string;
}

/** Seeded billing. */
export interface SeededPortal {
  readonly billing: Billing;
  readonly clock: TestClock;
  readonly customers: readonly SeededCustomer[];
  readonly prices: { readonly basic: string; readonly pro: string };
}

/**
 * Seeds the browser tests' billing on `storage` (empty), with `gateways` (no customer is charged automatically: the
 * seed touches no gateway) and `clock`, which must stand at 1 January 2026 00:00 UTC: German VAT, Fibre Basic (20 EUR) and Pro (50 EUR) plans and
 * metered data (0.50 EUR per GB), customers who signed up on 1 January 2026 with Basic and data, used 10 GB in
 * January, were billed on 1 February and — except the `overdue` ones — paid January by bank transfer; 7.5 GB used
 * in February so far. The clock stands at 10 February 2026 10:00 UTC. Figures per customer: January 23.80 (20 + 19 %
 * VAT), February 29.75 (20 + 5.00 data, + 4.75 VAT), due 15 February (14 days, end of day in Berlin); the January
 * invoice of an `overdue` customer is overdue since 15 January. `screenshot` and `discounted` customers had a 10 %
 * welcome coupon (January: 18.00 + 3.42 VAT = 21.42) and a 2.00 credit note on January; `hostile` ones a one-off
 * invoice with a 10,000-character description; `many` ones 43 one-off invoices more. The `screenshot` customer is
 * only read (its figures and numbers are the same on every run).
 */
export async function seedPortal(
  storage: BillingStorageAdapter,
  clock: TestClock,
  gateways: readonly PaymentGateway[],
): Promise<SeededPortal> {
  const billing = createBilling({ storage, clock, gateways: [...gateways] });
  const vat = await billing.catalog.taxRates.create({ name: 'VAT', percentage: '19', inclusive: false });
  const plan = async (name: string, billingCode: string, amount: string) => {
    const product = await billing.catalog.products.create({ name, billingCode, category: 'internet' });
    const price = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency: 'EUR', amount },
      interval: 'month',
    });
    return price.id;
  };
  const basic = await plan('Fibre Basic', 'INT-BASIC', '20.00');
  const pro = await plan('Fibre Pro', 'INT-PRO', '50.00');
  const meter = await billing.catalog.meters.create({
    name: 'Data',
    eventName: 'data',
    aggregation: 'sum',
    property: 'gb',
  });
  const dataProduct = await billing.catalog.products.create({ name: 'Data', billingCode: 'DATA-GB', category: 'data' });
  const data = await billing.catalog.prices.create({
    productId: dataProduct.id,
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '0.50' },
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
  });
  const coupon = await billing.catalog.coupons.create({ name: 'Welcome 10 %', percentOff: '10', duration: 'once' });

  const customers: (SeededCustomer & { readonly firstInvoiceId: string })[] = [];
  let n = 0;
  for (const [scenario, count] of Object.entries(COUNTS) as [Scenario, number][]) {
    for (let i = 0; i < count; i++) {
      n += 1;
      const german = scenario === 'german';
      const customer = await billing.customers.create({
        name: scenario === 'hostile' ? HOSTILE_NAME : `${german ? 'Kundin' : 'Customer'} ${n}`,
        email: `customer${n}@example.com`,
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        locale: german ? 'de-DE' : 'en-GB',
        address: { line1: `Gartenweg ${n}`, city: 'Berlin', postalCode: '10115', country: 'DE' },
        taxRateIds: [vat.id],
      });
      const { subscription, invoices } = await billing.subscriptions.create({
        customerId: customer.id,
        items: [{ priceId: basic }, { priceId: data.id }],
        ...(scenario === 'screenshot' || scenario === 'discounted' ? { couponId: coupon.id } : {}),
      });
      customers.push({
        scenario,
        id: customer.id,
        subscriptionId: subscription.id,
        firstInvoiceId: invoices[0]?.id ?? '',
      });
    }
  }
  clock.set('2026-01-20T12:00:00Z');
  await billing.usage.ingest(
    customers.map((c, i) => ({ id: `jan_${i}`, customerId: c.id, eventName: 'data', properties: { gb: '10' } })),
  );
  clock.set('2026-02-01T00:00:00Z');
  await billing.runCycle();
  clock.set('2026-02-05T09:00:00Z');
  await billing.usage.ingest(
    customers.map((c, i) => ({ id: `feb_${i}`, customerId: c.id, eventName: 'data', properties: { gb: '7.5' } })),
  );
  for (const customer of customers) {
    if (customer.scenario === 'overdue') continue;
    if (customer.scenario === 'screenshot' || customer.scenario === 'discounted') {
      await billing.creditNotes.create({ invoiceId: customer.firstInvoiceId, amount: '2.00', reason: 'order_change' });
    }
    const first = await billing.invoices.get(customer.firstInvoiceId);
    await billing.payments.record({
      customerId: customer.id,
      amount: first.amountRemaining,
      currency: 'EUR',
      method: 'bank_transfer',
      allocations: [{ invoiceId: first.id, amount: first.amountRemaining }],
    });
    if (customer.scenario === 'hostile') {
      await billing.invoices.createOneOff({
        customerId: customer.id,
        lines: [{ description: HOSTILE_DESCRIPTION, amount: '99.00' }],
        autoFinalize: true,
      });
    }
    if (customer.scenario === 'many') {
      for (let k = 1; k <= 43; k++) {
        await billing.invoices.createOneOff({
          customerId: customer.id,
          lines: [{ description: `Service call ${k}`, amount: `${10 + k}.00` }],
          autoFinalize: true,
        });
      }
    }
  }
  clock.set('2026-02-10T10:00:00Z');
  return {
    billing,
    clock,
    customers: customers.map(({ firstInvoiceId: _, ...customer }) => customer),
    prices: { basic, pro },
  };
}
