import {
  type Billing,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  type TestClock,
} from '@billfold/core';
import type { PaymentGateway } from '@billfold/core/payments';

/** What the portal tests bill: two customers of one provider, each with a subscription, invoices and a credit note. */
export interface SeededBilling {
  readonly billing: Billing;
  readonly clock: TestClock;
  readonly prices: { readonly basic: string; readonly pro: string; readonly data: string; readonly usd: string };
  readonly customers: readonly SeededCustomer[];
}

/** One seeded customer and the objects the portal must keep to them. */
export interface SeededCustomer {
  readonly id: string;
  readonly subscriptionId: string;
  /** Finalized invoices, oldest first: the January sign-up invoice (paid) and the February cycle invoice (open). */
  readonly invoiceIds: readonly string[];
  readonly creditNoteId: string;
  /** The 18.80 bank transfer of 5 February that settled the sign-up invoice. */
  readonly paymentId: string;
}

/** The seller printed on documents. */
export const SELLER = {
  name: 'Fibre Berlin GmbH',
  address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  vatId: 'DE123456789',
};

/** What to seed beyond the storage: how many customers, and the payment gateways the engine holds. */
export interface SeedOptions {
  /** Customers to seed (default 2). */
  readonly count?: number;
  /** The engine's gateways, made on the seed's clock (default none). */
  readonly gateways?: (clock: TestClock) => Promise<readonly PaymentGateway[]>;
}

/**
 * Seeds `count` customers on `storage` (empty): German VAT, a Basic and a Pro plan and metered data, a sign-up on
 * 1 January, data usage, the February billing run, a credit note and a payment of the January invoice; the
 * clock ends on 10 February 2026.
 */
export async function seedBilling(storage: BillingStorageAdapter, options: SeedOptions = {}): Promise<SeededBilling> {
  const { count = 2 } = options;
  const clock = createTestClock('2026-01-01T00:00:00Z');
  const gateways = (await options.gateways?.(clock)) ?? [];
  const billing = createBilling({ storage, clock, gateways });
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const plan = async (name: string, billingCode: string, amount: string, currency = 'EUR') => {
    const product = await billing.catalog.products.create({ name, billingCode, category: 'internet' });
    const price = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency, amount },
      interval: 'month',
    });
    return price.id;
  };
  const basic = await plan('Fibre Basic', 'INT-BASIC', '20.00');
  const pro = await plan('Fibre Pro', 'INT-PRO', '50.00');
  const usd = await plan('Fibre US', 'INT-US', '30.00', 'USD');
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
  const created = [];
  for (let i = 0; i < count; i++) {
    const customer = await billing.customers.create({
      name: `Customer ${i + 1}`,
      email: `customer${i + 1}@example.com`,
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
      address: { line1: `Gartenweg ${i + 1}`, city: 'Berlin', postalCode: '10115', country: 'DE' },
      taxRateIds: [vat.id],
    });
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: basic }, { priceId: data.id }],
    });
    created.push({ customer, subscription, first: invoices[0] });
  }
  clock.set('2026-01-20T12:00:00Z');
  await billing.usage.ingest(
    created.map(({ customer }, i) => ({
      id: `evt_${i}`,
      customerId: customer.id,
      eventName: 'data',
      properties: { gb: String(10 * (i + 1)) },
    })),
  );
  clock.set('2026-02-01T00:00:00Z');
  await billing.runCycle();
  clock.set('2026-02-05T09:00:00Z');
  const customers: SeededCustomer[] = [];
  for (const { customer, subscription, first } of created) {
    if (first === undefined) throw new Error('the sign-up invoice is missing');
    const note = await billing.creditNotes.create({ invoiceId: first.id, amount: '5.00', reason: 'order_change' });
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '18.80',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    const invoices = await billing.invoices.list({ customerId: customer.id });
    customers.push({
      id: customer.id,
      subscriptionId: subscription.id,
      invoiceIds: invoices.items.filter((i) => i.status !== 'draft').map((i) => i.id),
      creditNoteId: note.id,
      paymentId: payment.id,
    });
  }
  clock.set('2026-02-10T10:00:00Z');
  return { billing, clock, prices: { basic, pro, data: data.id, usd }, customers };
}
