import type { PayoutRepository, StorageSession } from '@billfold/core';
import type { SqlClient } from './client/sql-client';
import { auditRepository } from './repositories/audit';
import { catalogListRepository, priceRepository, productRepository } from './repositories/catalog';
import { bankCreditRepository, payoutRepository } from './repositories/bank-credits';
import { collectionFeeRepository, outboxRepository } from './repositories/collections';
import { customerRepository } from './repositories/customers';
import { idempotencyRepository } from './repositories/idempotency';
import { creditNoteRepository, invoiceRepository } from './repositories/invoices';
import { ledgerLocks } from './repositories/locks';
import { paymentAttemptRepository, paymentMethodRepository } from './repositories/online-payments';
import { balanceRepository, paymentRepository, refundRepository } from './repositories/payments';
import { privacyRepository } from './repositories/privacy';
import { subscriptionRepository } from './repositories/subscriptions';
import { usageRepository } from './repositories/usage';
import type { BillingTables } from './schema/tables';

/** Every repository over one client: the pool (or PGlite) itself, or one open transaction. @internal */
export function createSession(
  client: SqlClient,
  tables: BillingTables,
): StorageSession & { readonly payouts: PayoutRepository } {
  return {
    customers: customerRepository(client, tables),
    products: productRepository(client, tables),
    prices: priceRepository(client, tables),
    meters: catalogListRepository(client, tables.meters),
    coupons: catalogListRepository(client, tables.coupons),
    taxRates: catalogListRepository(client, tables.taxRates),
    subscriptions: subscriptionRepository(client, tables),
    usage: usageRepository(client, tables),
    invoices: invoiceRepository(client, tables),
    creditNotes: creditNoteRepository(client, tables),
    payments: paymentRepository(client, tables),
    refunds: refundRepository(client, tables),
    balance: balanceRepository(client, tables),
    idempotency: idempotencyRepository(client, tables),
    privacy: privacyRepository(client, tables),
    audit: auditRepository(client, tables),
    outbox: outboxRepository(client, tables),
    collectionFees: collectionFeeRepository(client, tables),
    bankCredits: bankCreditRepository(client, tables),
    payouts: payoutRepository(client, tables),
    paymentAttempts: paymentAttemptRepository(client, tables),
    paymentMethods: paymentMethodRepository(client, tables),
    locks: ledgerLocks(client, tables),
  };
}
