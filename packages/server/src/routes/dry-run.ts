import { type Billing, type BillingStorageAdapter, createBilling, type StorageSession } from '@billfold/core';

/** Carries a dry run's outcome out of the transaction it rolls back. */
class RolledBack<T> extends Error {
  constructor(readonly outcome: T) {
    super('dry run rolled back');
  }
}

/** A storage adapter over one open transaction: the engine's own transactions join it instead of opening one. */
function joined(session: StorageSession, base: BillingStorageAdapter): BillingStorageAdapter {
  return {
    customers: session.customers,
    products: session.products,
    prices: session.prices,
    meters: session.meters,
    coupons: session.coupons,
    taxRates: session.taxRates,
    subscriptions: session.subscriptions,
    usage: session.usage,
    invoices: session.invoices,
    creditNotes: session.creditNotes,
    payments: session.payments,
    refunds: session.refunds,
    balance: session.balance,
    idempotency: session.idempotency,
    privacy: session.privacy,
    audit: session.audit,
    outbox: session.outbox,
    collectionFees: session.collectionFees,
    bankCredits: session.bankCredits,
    paymentAttempts: session.paymentAttempts,
    paymentMethods: session.paymentMethods,
    locks: session.locks,
    capabilities: base.capabilities,
    transaction: (work) => work(session),
    close: async () => {},
  };
}

/**
 * Runs engine operations in one transaction that is always rolled back, and returns what they returned: a
 * preview made by the very code that will make the change, so the preview and the change cannot differ. The
 * engine in `work` has no notifier (nothing is announced) and the same clock, ids and configuration.
 * Relies on the storage contract: an error thrown from `transaction` rolls everything back.
 */
export async function dryRun<T>(billing: Billing, work: (engine: Billing) => Promise<T>): Promise<T> {
  const { storage, clock, ids, config } = billing.context;
  try {
    await storage.transaction(async (session) => {
      const engine = createBilling({
        storage: joined(session, storage),
        clock,
        ids,
        config: {
          invoiceSequence: config.invoiceSequence,
          creditNoteSequence: config.creditNoteSequence,
          numberDigits: config.numberDigits,
          taxRounding: config.taxRounding,
          roundingMode: config.roundingMode,
          cashRounding: { ...config.cashRounding },
        },
      });
      throw new RolledBack(await work(engine));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.outcome as T;
    throw error;
  }
  throw new Error('dry run: the storage committed a transaction that threw');
}
