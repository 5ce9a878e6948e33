import { createTestClock, type TestClock } from '../../clock/test-clock';
import type { BillingNotification } from '../../notify/notifier';
import { MemoryStorage } from '../../storage/memory-storage';
import type { CollectionsPolicyInput } from '../collections/collections-policy';
import { type Billing, createBilling } from '../create-billing';
import { counterIds } from '../run-cycle/cycle-fixture';
import { ScriptedGateway } from './scripted-gateway';

/** An engine with a scripted gateway and a customer charged automatically on a saved Visa. @internal */
export interface PaymentsFixture {
  readonly billing: Billing;
  readonly storage: MemoryStorage;
  readonly clock: TestClock;
  readonly gateway: ScriptedGateway;
  /** `cus_auto`: EUR, 19 % VAT, `charge_automatically`, default method `pm_visa_gc_cus_auto`; `cus_manual` sends invoices (default method `pm_visa_gc_cus_manual`). */
  readonly customerId: string;
  /** Every notification delivered, in order. */
  readonly sent: BillingNotification[];
  /** `price_plan`: 840.34 EUR a month in advance (1,000.00 with 19 % VAT). */
  readonly priceId: string;
  /** A one-off invoice of `net` EUR + 19 % VAT for `customerId`, finalized (and so charged) now. */
  invoice(net: string, customerId?: string): Promise<string>;
}

/** Creates a {@link PaymentsFixture} on 2026-03-01 08:00 UTC. @internal */
export async function createPaymentsFixture(
  options: { readonly policy?: CollectionsPolicyInput } = {},
): Promise<PaymentsFixture> {
  const clock = createTestClock('2026-03-01T08:00:00Z');
  const storage = new MemoryStorage();
  const gateway = new ScriptedGateway();
  const sent: BillingNotification[] = [];
  const billing = createBilling({
    storage,
    clock,
    ids: counterIds(),
    gateways: [gateway],
    notifier: { notify: async (notification) => void sent.push(notification) },
    config: { collections: options.policy ?? { retries: { scheduleDays: [1, 3, 5, 5] } } },
  });
  const vat = await billing.catalog.taxRates.create({
    id: 'txr_vat',
    name: 'VAT 19%',
    percentage: '19',
    inclusive: false,
  });
  for (const id of ['cus_auto', 'cus_manual']) {
    await billing.customers.create({
      id,
      name: id === 'cus_auto' ? 'Auto GmbH' : 'Manual GmbH',
      email: `${id}@example.com`,
      currency: 'EUR',
      taxRateIds: [vat.id],
      ...(id === 'cus_auto' ? { collectionMethod: 'charge_automatically' as const } : {}),
    });
    await billing.paymentMethods.save({ customerId: id, providerMethodId: `pm_visa_gc_${id}` });
  }
  const product = await billing.catalog.products.create({
    id: 'prod_plan',
    name: 'Plan',
    billingCode: 'PLAN',
    category: 'saas',
  });
  const price = await billing.catalog.prices.create({
    id: 'price_plan',
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '840.34' },
    interval: 'month',
  });
  const invoice = async (net: string, customerId = 'cus_auto') =>
    (
      await billing.invoices.createOneOff({
        customerId,
        lines: [{ description: 'Service', amount: net }],
        autoFinalize: true,
      })
    ).id;
  return { billing, storage, clock, gateway, customerId: 'cus_auto', sent, priceId: price.id, invoice };
}
