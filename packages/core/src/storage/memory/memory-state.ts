import type { AuditEntry } from '../../domain/audit-entry';
import type { CatalogPrice, Coupon, Meter, Product } from '../../domain/catalog';
import type { CreditNote } from '../../domain/credit-note';
import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { BalanceTransaction, Payment, Refund } from '../../domain/payment';
import type { Subscription } from '../../domain/subscription';
import type { Fixed } from '../../money/fixed';
import type { TaxRate } from '../../tax/tax-rate';
import type { IdempotencyRecord } from '../storage-adapter';
import { DueIndex } from './due-index';
import { Table } from './table';
import { UsageStore } from './usage-store';

/** Everything a `MemoryStorage` holds. @internal */
export interface MemoryState {
  readonly customers: Table<Customer>;
  readonly products: Table<Product>;
  readonly prices: Table<CatalogPrice>;
  readonly meters: Table<Meter>;
  readonly coupons: Table<Coupon>;
  readonly taxRates: Table<TaxRate>;
  readonly subscriptions: Table<Subscription>;
  /** Subscriptions by `nextBillingAt`, for `claimDue`. */
  readonly due: DueIndex;
  readonly usage: UsageStore;
  readonly invoices: Table<Invoice>;
  /** The last number reserved per invoice sequence. */
  readonly sequences: Map<string, number>;
  readonly creditNotes: Table<CreditNote>;
  readonly payments: Table<Payment>;
  readonly refunds: Table<Refund>;
  readonly balanceEntries: Table<BalanceTransaction>;
  /** Running ledger totals by `balanceKey(customerId, currency)`. */
  readonly balances: Map<string, Fixed>;
  readonly idempotency: Map<string, IdempotencyRecord>;
  readonly auditEntries: Table<AuditEntry>;
}

/** The key of a customer's ledger total in one currency. @internal */
export function balanceKey(customerId: string, currency: string): string {
  return `${customerId}\u0000${currency}`;
}

/** Invoice reasons that may occur once per subscription and period start. */
const ONCE_PER_PERIOD: ReadonlySet<Invoice['billingReason']> = new Set(['subscription_create', 'subscription_cycle']);

/** Empty memory storage with the contract's uniqueness rules. @internal */
export function createMemoryState(): MemoryState {
  const subscriptions = new Table<Subscription>('subscription');
  return {
    customers: new Table<Customer>('customer', [
      { name: 'externalRef', description: 'external reference', of: (customer) => customer.externalRef },
    ]),
    products: new Table<Product>('product', [
      { name: 'billingCode', description: 'billing code', of: (product) => product.billingCode },
    ]),
    prices: new Table('price'),
    meters: new Table('meter'),
    coupons: new Table('coupon'),
    taxRates: new Table('tax rate'),
    subscriptions,
    due: new DueIndex({
      nextBillingAt: (id) => subscriptions.peek(id)?.nextBillingAt,
      *all() {
        for (const { id, nextBillingAt } of subscriptions.values()) {
          if (nextBillingAt !== undefined) yield { id, at: nextBillingAt };
        }
      },
    }),
    usage: new UsageStore(),
    invoices: new Table<Invoice>('invoice', [
      {
        name: 'number',
        description: 'number in its sequence',
        of: (invoice) => (invoice.number === undefined ? undefined : `${invoice.sequence}\u0000${invoice.number}`),
      },
      {
        name: 'periodStart',
        description: 'subscription and period start',
        of: (invoice) =>
          invoice.subscriptionId === undefined ||
          invoice.periodStart === undefined ||
          !ONCE_PER_PERIOD.has(invoice.billingReason)
            ? undefined
            : `${invoice.subscriptionId}\u0000${invoice.periodStart}`,
      },
    ]),
    sequences: new Map(),
    creditNotes: new Table('credit note'),
    payments: new Table('payment'),
    refunds: new Table('refund'),
    balanceEntries: new Table('balance transaction'),
    balances: new Map(),
    idempotency: new Map(),
    auditEntries: new Table('audit entry'),
  };
}
