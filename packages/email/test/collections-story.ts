import {
  type Billing,
  type CollectionsPolicyInput,
  createBilling,
  type Customer,
  type BillingStorageAdapter,
  type TestClock,
} from '@billfold/core';
import { createEmailNotifier, type EmailNotifier } from '../src/index';
import { seller } from './email-fixture';

/*
 * The Done-when story of collections (issue 10), shared by the MemoryStorage and the PostgreSQL tests: a business in
 * Berlin subscribes to Fibre 1000 on 1 March 2026 at 09:00 Berlin: 840.34 + 19 % VAT (159.66) = 1,000.00, due at
 * the end of 15 March. Collections run daily at 07:00 UTC with this policy (docs/collections.md):
 *   12 March  reminder 1 (3 days before the due date)
 *   15 March  reminder 2 (on the due date)
 *   19 March  overdue (due date + 3 days' grace) and the subscription past due
 *   22 March  reminder 3 with fees: 10.00 + 1.5 % × 1,000.00 = 25.00; interest 2.15 % + 9 points = 11.15 % a year
 *             for 16–21 March, 6 days: 1,000.00 × 11.15 × 6 / 36,500 = 66,900 / 36,500 = 1.83; compensation 40.00
 *             → fee invoice INV-2026-000002 of 66.83 (untaxed)
 *   26 March  unpaid (no email: the kind has none)
 *   29 March  reminder 4 with 25.00 and interest for 22–28 March, 7 days: 78,050 / 36,500 = 2.14 → INV-2026-000003
 *             of 27.14; the service suspended (10 days after overdue)
 *   30 March  the customer pays 1,000.00 + 66.83 + 27.14 = 1,093.97: three invoices paid, the line resumes
 */

/** The collections policy of the story. */
export const STORY_POLICY: CollectionsPolicyInput = {
  reminders: {
    steps: [
      { days: -3 },
      { days: 0 },
      { days: 7, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
      { days: 14, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
    ],
  },
  graceDays: 3,
  interest: { referenceRate: '2.15', margin: { business: '9', consumer: '5' }, compensation: { EUR: '40.00' } },
  dunning: { pastDueAfterDays: 0, unpaidAfterDays: 7, suspendAfterDays: 10 },
};

/** The days collections run in the story, at 07:00 UTC. */
export const STORY_DAYS = Array.from(
  { length: 30 },
  (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}T07:00:00.000Z`,
);

/** When the customer pays, and how much. */
export const STORY_PAYMENT = { at: '2026-03-30T10:00:00.000Z', amount: '1093.97' } as const;

/** The engine of the story: notifications wait in the outbox until a dispatch delivers them. */
export function storyEngine(storage: BillingStorageAdapter, clock: TestClock): Billing {
  return createBilling({
    storage,
    clock,
    config: { collections: STORY_POLICY, notifications: { delivery: 'dispatch' } },
  });
}

/** The email notifier of the story, to the SMTP server on loopback `port`, reading records through `billing`. */
export function storyNotifier(billing: Billing, port: number, clock: TestClock): EmailNotifier {
  return createEmailNotifier({
    smtp: { host: '127.0.0.1', port, requireTLS: false },
    env: {},
    from: { name: 'Acme Billing', address: 'billing@acme.example' },
    billing,
    documents: { seller },
    clock,
  });
}

/** Seeds `count` business customers in Berlin on Fibre 1000 (`Kunde 1 GmbH` …), each billed 1,000.00 on 1 March. */
export async function seedStory(billing: Billing, count: number): Promise<Customer[]> {
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const product = await billing.catalog.products.create({
    name: 'Fibre 1000',
    billingCode: 'INT-1G',
    category: 'internet',
  });
  const price = await billing.catalog.prices.create({
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '840.34' },
    interval: 'month',
  });
  const customers: Customer[] = [];
  for (let n = 1; n <= count; n++) {
    const customer = await billing.customers.create({
      name: `Kunde ${n} GmbH`,
      email: `accounts${n}@kunde${n}.example`,
      locale: 'en-GB',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      taxIds: [{ type: 'eu_vat', value: `DE${String(100_000_000 + n)}` }],
      taxRateIds: [vat.id],
    });
    await billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: price.id }] });
    customers.push(customer);
  }
  return customers;
}

/** The subjects the customer of the story gets, in order (the invoice numbers of a single customer). */
export const STORY_SUBJECTS = [
  'Invoice INV-2026-000001 from Acme GmbH',
  'Reminder: invoice INV-2026-000001',
  'Reminder 2: invoice INV-2026-000001',
  'Overdue: invoice INV-2026-000001',
  'Payment overdue: Fibre 1000',
  'Reminder 3: invoice INV-2026-000001',
  'Late fee for invoice INV-2026-000001',
  'Reminder 4: invoice INV-2026-000001',
  'Suspended: Fibre 1000',
  'Late fee for invoice INV-2026-000001',
  'Payment received: €1,093.97',
  'Invoice INV-2026-000001 is paid',
  'Invoice INV-2026-000002 is paid',
  'Invoice INV-2026-000003 is paid',
  'Active again: Fibre 1000',
];
