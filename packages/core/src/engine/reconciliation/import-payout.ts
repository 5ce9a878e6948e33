import type { BankCredit } from '../../domain/bank-credit';
import { listAll } from '../../domain/list-all';
import type { Payout } from '../../domain/payout';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import {
  type LedgerPaymentFacts,
  type PayoutStatement,
  PayoutStatementSchema,
  payoutKey,
  settlePayout,
} from '../../reconciliation/settle-payout';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import type { PayoutRepository } from '../../storage/reconciliation-repositories';
import type { EngineContext } from '../context';
import { depositPayout, findDepositedPayout } from './payout-deposit';

/** What `reconciliation.importPayout` returns: the payout as stored, and whether this call stored it. */
export interface PayoutImport {
  /** `imported`: stored now; `already_imported`: stored before (by an earlier or a concurrent import), unchanged. */
  readonly outcome: 'imported' | 'already_imported';
  readonly payout: Payout;
  /** The bank credit from the queue that this import found to be the payout's deposit, when one was waiting. */
  readonly depositedBy?: string;
}

/** The storage's payouts, or `invalid_state` for an adapter without them. @internal */
export function payoutRepository(storage: Pick<BillingStorageAdapter, 'payouts'>): PayoutRepository {
  if (storage.payouts === undefined) {
    throw new BillingError(BillingErrorCode.invalidState, 'This storage adapter keeps no gateway payouts', {
      path: ['payout'],
    });
  }
  return storage.payouts;
}

/**
 * What the ledger holds of each provider payment a payout names: through the payment attempt that took it
 * (`paymentAttempts.getByProviderPayment`, by payment or charge id) to its ledger payment.
 */
async function ledgerPayments(
  ctx: EngineContext,
  provider: string,
  providerPaymentIds: readonly string[],
): Promise<Map<string, LedgerPaymentFacts>> {
  const facts = new Map<string, LedgerPaymentFacts>();
  for (const providerId of new Set(providerPaymentIds)) {
    const attempt = await ctx.storage.paymentAttempts.getByProviderPayment(provider, providerId);
    const payment = attempt?.paymentId === undefined ? undefined : await ctx.storage.payments.get(attempt.paymentId);
    if (payment === undefined) continue;
    facts.set(providerId, {
      paymentId: payment.id,
      customerId: payment.customerId,
      currency: payment.currency,
      amount: payment.amount,
      amountRefunded: payment.amountRefunded,
    });
  }
  return facts;
}

/** The unmatched bank credit waiting in the queue that deposits `payout`, if exactly one does. */
async function waitingDeposit(ctx: EngineContext, payout: Payout): Promise<BankCredit | undefined> {
  const queue = await listAll((page) => ctx.storage.bankCredits.list({ status: 'unmatched', ...page }));
  const deposits = queue.filter((credit) => findDepositedPayout(credit, [payout]) !== undefined);
  return deposits.length === 1 ? deposits[0] : undefined;
}

/**
 * Imports a gateway payout into the ledger (`billing.reconciliation.importPayout`): each balance transaction is tied
 * to the ledger payment it concerns, fees, refunds and disputes are summed (`settlePayout`), and the payout is stored
 * under `payout:<provider>:<payout id>` — `in_transit` when everything agrees, `review` with its mismatches for a
 * person otherwise. Importing it again (or two imports at once) stores it once and changes nothing. Fees are the
 * payout's expense: no customer balance changes. A bank credit already waiting in the unmatched queue that is the
 * payout's deposit is reconciled against it at once.
 * @throws BillingError `invalid_input` for a malformed payout, `invalid_state` when the storage keeps no payouts.
 */
export async function importPayout(ctx: EngineContext, input: PayoutStatement): Promise<PayoutImport> {
  const payouts = payoutRepository(ctx.storage);
  const statement = validate(PayoutStatementSchema, input, 'payout');
  const key = payoutKey(statement.provider, statement.id);
  const stored = await payouts.getByKey(key);
  if (stored !== undefined) return { outcome: 'already_imported', payout: stored };
  const ids = statement.transactions.flatMap((tx) =>
    tx.providerPaymentId !== undefined ? [tx.providerPaymentId] : [],
  );
  const settled = settlePayout(statement, await ledgerPayments(ctx, statement.provider, ids));
  const payout: Payout = { id: ctx.ids('pyo'), ...settled, importedAt: ctx.clock.now().toISOString(), version: 1 };
  try {
    await payouts.insert(payout);
  } catch (error) {
    // A concurrent import of the same payout stored it first.
    const again = await payouts.getByKey(key);
    if (again === undefined) throw error;
    return { outcome: 'already_imported', payout: again };
  }
  const credit = await waitingDeposit(ctx, payout);
  if (credit === undefined) return { outcome: 'imported', payout };
  try {
    const now = ctx.clock.now().toISOString();
    const matched = await ctx.storage.transaction((session) =>
      depositPayout(session, payoutRepository(session), credit, payout, 'update', now),
    );
    return { outcome: 'imported', payout: (await payouts.get(payout.id)) ?? payout, depositedBy: matched.id };
  } catch (error) {
    // A person or another import took the credit or the payout meanwhile: the payout stays awaiting its deposit.
    if (error instanceof BillingError && error.code === BillingErrorCode.conflict)
      return { outcome: 'imported', payout };
    throw error;
  }
}
