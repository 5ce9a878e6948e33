import { createTestClock, type TestClock } from '../../clock/test-clock';
import type { CatalogPrice, Meter } from '../../domain/catalog';
import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import { MemoryStorage } from '../../storage/memory-storage';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import type { TaxRate } from '../../tax/tax-rate';
import { type Billing, createBilling } from '../create-billing';
import type { IdGenerator } from '../ids';
import { createSubscriptionService, type SubscriptionService } from '../subscriptions/create-subscription-service';
import { createUsageService, type UsageService } from '../usage/create-usage-service';
import { type RunCycleSummary, runCycle } from './run-cycle';

/**
 * A billing engine on {@link MemoryStorage} with a test clock, deterministic ids (`inv_00000042`), 19% VAT and
 * a small catalog, for the subscription, usage and billing-run tests:
 * - `basic` 10.00, `plus` 25.00 and `pro` 29.00 EUR a month in advance (flat), `seat` 8.00 EUR per seat a month;
 * - `data`: metered in arrears on the `data` meter (sum of `gb`), 10 GB free then 0.50 EUR per GB (graduated);
 * - `proUsd` 29.00 USD a month, for currency checks.
 * @internal
 */
export interface CycleFixture {
  readonly storage: BillingStorageAdapter;
  readonly memory: MemoryStorage;
  readonly clock: TestClock;
  readonly billing: Billing;
  readonly subscriptions: SubscriptionService;
  readonly usage: UsageService;
  readonly vat: TaxRate;
  readonly customer: Customer;
  readonly prices: Record<'basic' | 'plus' | 'pro' | 'seat' | 'data' | 'proUsd', CatalogPrice>;
  readonly meter: Meter;
  /** Runs the billing cycle at the clock's now (or `now`). */
  run(options?: { now?: string; batchSize?: number }): Promise<RunCycleSummary>;
  /** Every stored invoice, by id (creation order). */
  invoices(): Promise<Invoice[]>;
  /** Another customer (EUR, UTC, VAT) with the given id. */
  addCustomer(id: string): Promise<Customer>;
}

/** Options of {@link createCycleFixture}. @internal */
export interface CycleFixtureOptions {
  readonly start?: string;
  readonly timeZone?: string;
  /** Wraps the memory storage (to inject crashes or stale reads). */
  readonly wrap?: (storage: MemoryStorage) => BillingStorageAdapter;
  /** Share one id sequence between fixtures (default: a fresh counter). */
  readonly ids?: IdGenerator;
}

/** A counter-based id generator: `inv_00000001`, `inv_00000002`, … (sorts in creation order). @internal */
export function counterIds(): IdGenerator {
  let next = 0;
  return (prefix) => `${prefix}_${String(++next).padStart(8, '0')}`;
}

/** Creates a {@link CycleFixture}. @internal */
export async function createCycleFixture(options: CycleFixtureOptions = {}): Promise<CycleFixture> {
  const clock = createTestClock(options.start ?? '2026-01-01T00:00:00Z');
  const memory = new MemoryStorage();
  const storage = options.wrap === undefined ? memory : options.wrap(memory);
  const billing = createBilling({ storage, clock, ids: options.ids ?? counterIds() });
  const ctx = billing.context;
  const { catalog } = billing;
  const vat = await catalog.taxRates.create({ id: 'txr_vat', name: 'VAT 19%', percentage: '19', inclusive: false });
  const timeZone = options.timeZone ?? 'UTC';
  const addCustomer = (id: string) =>
    billing.customers.create({
      id,
      name: `Customer ${id}`,
      email: `${id}@example.com`,
      currency: 'EUR',
      timeZone,
      taxRateIds: [vat.id],
    });
  const customer = await addCustomer('cus_main');
  const meter = await catalog.meters.create({
    id: 'meter_data',
    name: 'Data',
    eventName: 'data',
    aggregation: 'sum',
    property: 'gb',
  });
  const product = async (id: string, name: string) =>
    catalog.products.create({ id, name, billingCode: id.toUpperCase().replace('PROD_', ''), category: 'plans' });
  await product('prod_basic', 'Basic');
  await product('prod_plus', 'Plus');
  await product('prod_pro', 'Pro');
  await product('prod_seat', 'Seats');
  await product('prod_data', 'Data transfer');
  const flat = (id: string, productId: string, amount: string, currency = 'EUR') =>
    catalog.prices.create({ id, productId, spec: { model: 'flat', currency, amount }, interval: 'month' });
  const prices = {
    basic: await flat('price_basic', 'prod_basic', '10.00'),
    plus: await flat('price_plus', 'prod_plus', '25.00'),
    pro: await flat('price_pro', 'prod_pro', '29.00'),
    proUsd: await flat('price_pro_usd', 'prod_pro', '29.00', 'USD'),
    seat: await catalog.prices.create({
      id: 'price_seat',
      productId: 'prod_seat',
      spec: { model: 'per_unit', currency: 'EUR', unitAmount: '8.00' },
      interval: 'month',
    }),
    data: await catalog.prices.create({
      id: 'price_data',
      productId: 'prod_data',
      spec: {
        model: 'graduated',
        currency: 'EUR',
        tiers: [
          { upTo: '10', unitAmount: '0' },
          { upTo: null, unitAmount: '0.50' },
        ],
      },
      interval: 'month',
      timing: 'in_arrears',
      meterId: meter.id,
    }),
  };
  const invoices = async () => {
    const all: Invoice[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.invoices.list({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return all;
  };
  return {
    storage,
    memory,
    clock,
    billing,
    subscriptions: createSubscriptionService(ctx),
    usage: createUsageService(ctx),
    vat,
    customer,
    prices,
    meter,
    run: (runOptions) => runCycle(ctx, runOptions),
    invoices,
    addCustomer,
  };
}
