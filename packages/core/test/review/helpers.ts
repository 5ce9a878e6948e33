import {
  type Billing,
  type BillingError,
  type BillingStorageAdapter,
  type Customer,
  type CustomerInput,
  createBilling,
  createMemoryStorage,
  createTestClock,
  type EngineConfigInput,
  type Invoice,
  isBillingError,
  type TestClock,
} from '../../src/index';

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

/** The BillingError a promise rejects with; fails when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<BillingError> {
  try {
    await promise;
  } catch (error) {
    if (isBillingError(error)) return error;
    throw new Error(`expected a BillingError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a BillingError, but the call succeeded');
}

async function all<T>(
  list: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}

const page = (cursor: string | undefined) => ({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });

/** Every record a MemoryStorage lists (plus usage events and balances), to compare before and after a call. */
export async function dump(storage: BillingStorageAdapter): Promise<Record<string, unknown>> {
  const customers = await all((c) => storage.customers.list(page(c)));
  const subscriptions = await all((c) => storage.subscriptions.list(page(c)));
  const balance: unknown[] = [];
  const balances: Record<string, string> = {};
  for (const cus of customers) {
    balance.push(...(await all((c) => storage.balance.list({ customerId: cus.id, ...page(c) }))));
    balances[cus.id] = await storage.balance.balance(cus.id, cus.currency);
  }
  const usage: unknown[] = [];
  for (const sub of subscriptions) {
    usage.push(
      ...(await all((c) =>
        storage.usage.list({
          subscriptionId: sub.id,
          from: '1970-01-01T00:00:00.000Z',
          to: '9999-01-01T00:00:00.000Z',
          ...page(c),
        }),
      )),
    );
  }
  return {
    customers,
    products: await all((c) => storage.products.list(page(c))),
    prices: await all((c) => storage.prices.list(page(c))),
    meters: await all((c) => storage.meters.list(page(c))),
    coupons: await all((c) => storage.coupons.list(page(c))),
    taxRates: await all((c) => storage.taxRates.list(page(c))),
    subscriptions,
    invoices: await all((c) => storage.invoices.list(page(c))),
    creditNotes: await all((c) => storage.creditNotes.list(page(c))),
    payments: await all((c) => storage.payments.list(page(c))),
    refunds: await all((c) => storage.refunds.list(page(c))),
    balance,
    balances,
    usage,
  };
}

export async function allInvoices(billing: Billing, customerId?: string): Promise<Invoice[]> {
  return all((c) => billing.invoices.list({ ...page(c), ...(customerId !== undefined ? { customerId } : {}) }));
}

export async function allLedger(billing: Billing, customerId: string) {
  return all((c) => billing.balance.transactions(customerId, page(c)));
}

export async function allCreditNotes(billing: Billing) {
  return all((c) => billing.creditNotes.list(page(c)));
}

export async function allPayments(billing: Billing) {
  return all((c) => billing.payments.list(page(c)));
}

export async function allRefunds(billing: Billing) {
  return all((c) => billing.payments.listRefunds(page(c)));
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
