import {
  type Billing,
  type BillingStorageAdapter,
  type Customer,
  type CustomerInput,
  createBilling,
  createMemoryStorage,
  createTestClock,
  type EngineConfigInput,
  type Invoice,
  listAll,
  readAllRecords,
  type TestClock,
} from '../../src/index';

export { rejection } from '../../src/engine/test-fixture';

/** A billing engine over a fresh MemoryStorage and a test clock. */
export interface World {
  readonly billing: Billing;
  readonly storage: BillingStorageAdapter;
  readonly clock: TestClock;
}

export function world(start: string, config?: EngineConfigInput): World {
  const clock = createTestClock(start);
  const storage = createMemoryStorage();
  const billing = createBilling({ storage, clock, ...(config !== undefined ? { config } : {}) });
  return { billing, storage, clock };
}

export async function customer(billing: Billing, input: Partial<CustomerInput> = {}): Promise<Customer> {
  return billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR', ...input });
}

/** A recurring catalog price on a fresh product. */
export async function recurringPrice(
  billing: Billing,
  spec: Parameters<Billing['catalog']['prices']['create']>[0]['spec'],
  extra: Partial<Parameters<Billing['catalog']['prices']['create']>[0]> = {},
) {
  const n = ++productCounter;
  const product = await billing.catalog.products.create({
    name: `Product ${n}`,
    billingCode: `P-${n}`,
    category: 'test',
  });
  return billing.catalog.prices.create({ productId: product.id, spec, interval: 'month', ...extra });
}
let productCounter = 0;

/** Every record a MemoryStorage lists (plus each customer's balance), to compare before and after a call. */
export async function dump(storage: BillingStorageAdapter): Promise<Record<string, unknown>> {
  const records = await readAllRecords(storage);
  const balances: Record<string, string> = {};
  for (const cus of records.customers) balances[cus.id] = await storage.balance.balance(cus.id, cus.currency);
  return { ...records, balances };
}

export async function allInvoices(billing: Billing, customerId?: string): Promise<Invoice[]> {
  return listAll((page) => billing.invoices.list({ ...page, ...(customerId !== undefined ? { customerId } : {}) }));
}

export async function allLedger(billing: Billing, customerId: string) {
  return listAll((page) => billing.balance.transactions(customerId, page));
}

export async function allCreditNotes(billing: Billing) {
  return listAll((page) => billing.creditNotes.list(page));
}

export async function allPayments(billing: Billing) {
  return listAll((page) => billing.payments.list(page));
}

export async function allRefunds(billing: Billing) {
  return listAll((page) => billing.payments.listRefunds(page));
}

/** Exact minor units of a decimal string at `scale` decimals (throws when finer). */
export function units(amount: string, scale = 2): bigint {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw new Error(`${amount} finer than ${scale}`);
  const value =
    BigInt(whole as string) * 10n ** BigInt(scale) + BigInt((fraction.slice(0, scale) || '0').padEnd(scale, '0'));
  return negative ? -value : value;
}

/** The frozen part of a finalized invoice: what must never change after finalization. */
export function frozen(invoice: Invoice) {
  return {
    number: invoice.number,
    sequence: invoice.sequence,
    lines: invoice.lines,
    taxRates: invoice.taxRates,
    subtotal: invoice.subtotal,
    discountTotal: invoice.discountTotal,
    taxes: invoice.taxes,
    taxTotal: invoice.taxTotal,
    roundingAmount: invoice.roundingAmount,
    total: invoice.total,
    creditApplied: invoice.creditApplied,
    amountDue: invoice.amountDue,
    customerSnapshot: invoice.customerSnapshot,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    currency: invoice.currency,
    customerId: invoice.customerId,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    notes: invoice.notes,
  };
}
