import { createTestClock, type TestClock } from '../clock/test-clock';
import type { Customer } from '../domain/customer';
import { type BillingError, isBillingError } from '../errors/billing-error';
import type { BillingNotification } from '../notify/notifier';
import { MemoryStorage } from '../storage/memory-storage';
import { readAllRecords } from '../storage/read-all-records';
import type { BillingStorageAdapter } from '../storage/storage-adapter';
import type { TaxRate } from '../tax/tax-rate';
import { type Billing, createBilling } from './create-billing';

/**
 * A billing engine on {@link MemoryStorage} and a test clock at 2026-01-10 09:00 UTC, with a 19% VAT rate and
 * a customer in Berlin (EUR, 14 days' payment terms) who pays it. For the engine's own tests.
 * @internal
 */
export interface EngineFixture {
  readonly billing: Billing;
  readonly storage: BillingStorageAdapter;
  readonly clock: TestClock;
  readonly vat: TaxRate;
  readonly customer: Customer;
  readonly notifications: BillingNotification[];
}

/** @internal Creates an {@link EngineFixture}, optionally over a wrapped storage. */
export async function createEngineFixture(
  wrap: (storage: MemoryStorage) => BillingStorageAdapter = (storage) => storage,
): Promise<EngineFixture> {
  const clock = createTestClock('2026-01-10T09:00:00Z');
  const storage = wrap(new MemoryStorage());
  const notifications: BillingNotification[] = [];
  const billing = createBilling({
    storage,
    clock,
    notifier: {
      notify: async (notification) => {
        notifications.push(notification);
      },
    },
  });
  const vat = await billing.catalog.taxRates.create({
    id: 'txr_de_vat',
    name: 'VAT 19%',
    percentage: '19',
    inclusive: false,
  });
  const customer = await billing.customers.create({
    name: 'Acme GmbH',
    email: 'billing@acme.example',
    address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    paymentTermsDays: 14,
    taxRateIds: [vat.id],
  });
  return { billing, storage, clock, vat, customer, notifications };
}

/** @internal The BillingError a promise rejects with (fails loudly when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<BillingError> {
  try {
    await promise;
  } catch (error) {
    if (isBillingError(error)) return error;
    throw new Error(`expected a BillingError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a BillingError, but the call succeeded');
}

/** @internal Every record in storage (idempotency records excepted: they have no list), to compare before/after. */
export const storageDump = readAllRecords;
