import { createTestClock, type TestClock } from '../../clock/test-clock';
import type { Customer } from '../../domain/customer';
import type { BillingNotification } from '../../notify/notifier';
import { MemoryStorage } from '../../storage/memory-storage';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import type { TaxRate } from '../../tax/tax-rate';
import type { EngineConfigInput } from '../context';
import { type Billing, createBilling } from '../create-billing';
import { counterIds } from '../run-cycle/cycle-fixture';
import type { CollectionsPolicyInput } from './collections-policy';

/**
 * The collections policy of the worked examples (docs/collections.md): reminders 3 days before the due date, on it,
 * 7 and 14 days after (the last two with a fee of 10.00 EUR + 1.5 % of what is owed), 3 days of grace, statutory
 * interest of 2.15 % + 9 points for businesses (2.15 % + 5 for consumers) with 40.00 EUR compensation, and dunning:
 * past due when overdue, unpaid 7 days later, suspended after 10.
 * @internal
 */
export const EXAMPLE_POLICY: CollectionsPolicyInput = {
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

/** A collections engine for the tests. @internal */
export interface CollectionsFixture {
  readonly billing: Billing;
  readonly storage: BillingStorageAdapter;
  readonly clock: TestClock;
  readonly vat: TaxRate;
  /** A business in Berlin (a VAT id), EUR, 14 days' terms, 19 % VAT. */
  readonly customer: Customer;
  /** Every notification delivered, in order. */
  readonly sent: BillingNotification[];
  /** `Fibre 1000`: 840.34 EUR a month in advance (1,000.00 with 19 % VAT). */
  readonly fibrePriceId: string;
  /** Runs collections once a day at 07:00 UTC through `until` (a `YYYY-MM-DD`), from the clock's next day. */
  daily(until: string): Promise<void>;
}

/** Creates a {@link CollectionsFixture} with `policy` (default {@link EXAMPLE_POLICY}) on MemoryStorage. @internal */
export async function createCollectionsFixture(
  options: {
    readonly policy?: CollectionsPolicyInput;
    readonly config?: EngineConfigInput;
    readonly start?: string;
    /** Wraps the memory storage (to record calls, or play another writer holding a customer). */
    readonly wrap?: (storage: MemoryStorage) => BillingStorageAdapter;
  } = {},
): Promise<CollectionsFixture> {
  const clock = createTestClock(options.start ?? '2026-03-01T08:00:00Z');
  const memory = new MemoryStorage();
  const storage = options.wrap === undefined ? memory : options.wrap(memory);
  const sent: BillingNotification[] = [];
  const billing = createBilling({
    storage,
    clock,
    ids: counterIds(),
    notifier: { notify: async (notification) => void sent.push(notification) },
    config: { collections: options.policy ?? EXAMPLE_POLICY, ...options.config },
  });
  const vat = await billing.catalog.taxRates.create({
    id: 'txr_vat',
    name: 'VAT 19%',
    percentage: '19',
    inclusive: false,
  });
  const customer = await billing.customers.create({
    id: 'cus_acme',
    name: 'Acme GmbH',
    email: 'billing@acme.example',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
    taxRateIds: [vat.id],
  });
  const product = await billing.catalog.products.create({
    id: 'prod_fibre',
    name: 'Fibre 1000',
    billingCode: 'INT-1G',
    category: 'internet',
  });
  const price = await billing.catalog.prices.create({
    id: 'price_fibre',
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '840.34' },
    interval: 'month',
  });
  const daily = async (until: string) => {
    for (;;) {
      const next = new Date(clock.now().getTime() + 86_400_000);
      const at = `${next.toISOString().slice(0, 10)}T07:00:00.000Z`;
      if (at.slice(0, 10) > until) return;
      clock.set(at);
      const summary = await billing.collections.run();
      if (summary.errors.length > 0) throw new Error(`collections failed: ${JSON.stringify(summary.errors)}`);
    }
  };
  return { billing, storage, clock, vat, customer, sent, fibrePriceId: price.id, daily };
}
