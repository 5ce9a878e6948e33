import type { AuditEntry } from '../../domain/audit-entry';
import type { CatalogPrice, Coupon, Meter, Product } from '../../domain/catalog';
import type { BankCredit } from '../../domain/bank-credit';
import type { Payout } from '../../domain/payout';
import type { CollectionFee } from '../../domain/collection-fee';
import type { CreditNote } from '../../domain/credit-note';
import type { Customer } from '../../domain/customer';
import type { CustomerPaymentMethod } from '../../domain/customer-payment-method';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import type { Invoice } from '../../domain/invoice';
import type { OutboxEntry } from '../../domain/outbox-entry';
import type { BalanceTransaction, Payment, Refund } from '../../domain/payment';
import type { Subscription } from '../../domain/subscription';
import type { Fixed } from '../../money/fixed';
import type { TaxRate } from '../../tax/tax-rate';
import type { IdempotencyRecord } from '../idempotency-repository';
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
  /** Open invoices by `collectionsDueAt`, for `claimCollectible`. */
  readonly collectible: DueIndex;
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
  readonly outbox: Table<OutboxEntry>;
  /** Pending outbox entries by `nextAttemptAt`, for `claimDue`. */
  readonly outboxDue: DueIndex;
  readonly collectionFees: Table<CollectionFee>;
  readonly bankCredits: Table<BankCredit>;
  readonly payouts: Table<Payout>;
  readonly paymentAttempts: Table<PaymentAttempt>;
  /** Attempts by `dueAt`, for `claimDue`. */
  readonly attemptsDue: DueIndex;
  readonly paymentMethods: Table<CustomerPaymentMethod>;
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
  const invoices = new Table<Invoice>('invoice', [
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
  ]);
  const outbox = new Table<OutboxEntry>('outbox entry', [
    { name: 'dedupeKey', description: 'dedupe key', of: (entry) => entry.dedupeKey },
  ]);
  const paymentAttempts = new Table<PaymentAttempt>('payment attempt', [
    { name: 'idempotencyKey', description: 'idempotency key', of: (attempt) => attempt.idempotencyKey },
    {
      name: 'providerPaymentId',
      description: 'provider payment',
      of: (attempt) =>
        attempt.providerPaymentId === undefined ? undefined : `${attempt.gateway}\u0000${attempt.providerPaymentId}`,
    },
    {
      name: 'chargeId',
      description: 'provider charge',
      of: (attempt) => (attempt.chargeId === undefined ? undefined : `${attempt.gateway}\u0000${attempt.chargeId}`),
    },
  ]);
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
      dueAt: (id) => subscriptions.peek(id)?.nextBillingAt,
      *all() {
        for (const { id, nextBillingAt } of subscriptions.values()) {
          if (nextBillingAt !== undefined) yield { id, at: nextBillingAt };
        }
      },
    }),
    usage: new UsageStore(),
    invoices,
    collectible: new DueIndex({
      dueAt: (id) => collectionsDueAt(invoices.peek(id)),
      *all() {
        for (const invoice of invoices.values()) {
          const at = collectionsDueAt(invoice);
          if (at !== undefined) yield { id: invoice.id, at };
        }
      },
    }),
    sequences: new Map(),
    creditNotes: new Table('credit note'),
    payments: new Table('payment'),
    refunds: new Table('refund'),
    balanceEntries: new Table('balance transaction'),
    balances: new Map(),
    idempotency: new Map(),
    auditEntries: new Table('audit entry'),
    outbox,
    outboxDue: new DueIndex({
      dueAt: (id) => pendingAt(outbox.peek(id)),
      *all() {
        for (const entry of outbox.values()) {
          const at = pendingAt(entry);
          if (at !== undefined) yield { id: entry.id, at };
        }
      },
    }),
    collectionFees: new Table<CollectionFee>('collection fee', [
      { name: 'key', description: 'fee key for its invoice', of: (fee) => `${fee.invoiceId}\u0000${fee.key}` },
    ]),
    bankCredits: new Table<BankCredit>('bank credit', [
      { name: 'key', description: 'statement line', of: (credit) => credit.key },
    ]),
    payouts: new Table<Payout>('payout', [{ name: 'key', description: 'gateway payout', of: (payout) => payout.key }]),
    paymentAttempts,
    attemptsDue: new DueIndex({
      dueAt: (id) => paymentAttempts.peek(id)?.dueAt,
      *all() {
        for (const { id, dueAt } of paymentAttempts.values()) if (dueAt !== undefined) yield { id, at: dueAt };
      },
    }),
    paymentMethods: new Table<CustomerPaymentMethod>('payment method', [
      {
        name: 'providerMethodId',
        description: 'provider payment method',
        of: (method) => `${method.gateway}\u0000${method.providerMethodId}`,
      },
    ]),
  };
}

/** When an invoice is due for collections: its `collectionsDueAt` while it is open. @internal */
export function collectionsDueAt(invoice: Invoice | undefined): string | undefined {
  return invoice?.status === 'open' ? invoice.collectionsDueAt : undefined;
}

/** When an outbox entry may be claimed: its `nextAttemptAt` while it is pending. @internal */
export function pendingAt(entry: OutboxEntry | undefined): string | undefined {
  return entry?.status === 'pending' ? entry.nextAttemptAt : undefined;
}
