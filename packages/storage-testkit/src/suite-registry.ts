import type { RegisterSuite } from './kit-context';
import type { StorageSuiteName } from './suite-names';
import { couponsSuite, metersSuite, pricesSuite, productsSuite, taxRatesSuite } from './suites/catalog-suites';
import { auditSuite } from './suites/audit-suite';
import { claimDueSuite } from './suites/claim-due-suite';
import { collectibleSuite, collectionFeesSuite, outboxSuite } from './suites/collections-suites';
import { paymentAttemptsSuite, paymentMethodsSuite } from './suites/online-payments-suites';
import { concurrencySuite } from './suites/concurrency-suite';
import { customersSuite } from './suites/customers-suite';
import { idempotencySuite } from './suites/idempotency-suite';
import { invoiceNumbersSuite } from './suites/invoice-numbers-suite';
import { invoicesSuite } from './suites/invoices-suite';
import { balanceSuite, creditNotesSuite, paymentsSuite, refundsSuite } from './suites/ledger-suites';
import { metadataSuite } from './suites/metadata-suite';
import { moneySuite } from './suites/money-suite';
import { optionalFieldsSuite } from './suites/optional-fields-suite';
import { pagingSuite } from './suites/paging-suite';
import { privacySuite } from './suites/privacy-suite';
import { bankCreditsSuite } from './suites/bank-credits-suite';
import { payoutsSuite } from './suites/payouts-suite';
import { reportsSuite } from './suites/reports-suite';
import { subscriptionsSuite } from './suites/subscriptions-suite';
import { timestampsSuite } from './suites/timestamps-suite';
import { transactionsSuite } from './suites/transactions-suite';
import { usageAggregationSuite } from './suites/usage-aggregation-suite';
import { usageSuite } from './suites/usage-suite';

/** Each suite's registration, by name. */
export const storageSuites: Readonly<Record<StorageSuiteName, RegisterSuite>> = {
  customers: customersSuite,
  products: productsSuite,
  prices: pricesSuite,
  meters: metersSuite,
  coupons: couponsSuite,
  taxRates: taxRatesSuite,
  subscriptions: subscriptionsSuite,
  usage: usageSuite,
  invoices: invoicesSuite,
  creditNotes: creditNotesSuite,
  payments: paymentsSuite,
  refunds: refundsSuite,
  balance: balanceSuite,
  idempotency: idempotencySuite,
  privacy: privacySuite,
  audit: auditSuite,
  transactions: transactionsSuite,
  paging: pagingSuite,
  invoiceNumbers: invoiceNumbersSuite,
  money: moneySuite,
  timestamps: timestampsSuite,
  optionalFields: optionalFieldsSuite,
  metadata: metadataSuite,
  usageAggregation: usageAggregationSuite,
  claimDue: claimDueSuite,
  collectible: collectibleSuite,
  outbox: outboxSuite,
  collectionFees: collectionFeesSuite,
  bankCredits: bankCreditsSuite,
  payouts: payoutsSuite,
  paymentAttempts: paymentAttemptsSuite,
  paymentMethods: paymentMethodsSuite,
  reports: reportsSuite,
  concurrency: concurrencySuite,
};
