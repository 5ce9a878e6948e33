/**
 * Every suite of the kit, in the order they run. Each name is stable: pass it in `skip` to turn its suite off.
 */
export const storageSuiteNames = [
  'customers',
  'products',
  'prices',
  'meters',
  'coupons',
  'taxRates',
  'subscriptions',
  'usage',
  'invoices',
  'creditNotes',
  'payments',
  'refunds',
  'balance',
  'idempotency',
  'privacy',
  'audit',
  'transactions',
  'paging',
  'invoiceNumbers',
  'money',
  'timestamps',
  'optionalFields',
  'metadata',
  'usageAggregation',
  'claimDue',
  'collectible',
  'outbox',
  'collectionFees',
  'bankCredits',
  'payouts',
  'paymentAttempts',
  'paymentMethods',
  'reports',
  'concurrency',
] as const;

/** The name of one suite of the kit; see {@link storageSuiteNames}. */
export type StorageSuiteName = (typeof storageSuiteNames)[number];
