import type { BankCredit } from '../../domain/bank-credit';
import type { Payment } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { type PaymentRequest, settlePayment } from '../payments/record-payment';

/** How the payment of a bank credit came about, and whether the credit is new or stored already. */
export interface BankCreditPaymentOptions {
  readonly resolution: NonNullable<BankCredit['resolution']>;
  /** `insert`: a credit being imported; `update`: a stored one (proposed or unmatched) a person resolves. */
  readonly write: 'insert' | 'update';
}

/** The stored credit is still the one a person looked at: same status and version. */
async function checkUnchanged(session: StorageSession, credit: BankCredit): Promise<void> {
  const stored = await session.bankCredits.get(credit.id);
  if (stored === undefined || stored.version !== credit.version || stored.status !== credit.status) {
    throw new BillingError(
      BillingErrorCode.conflict,
      `Bank credit ${credit.id} changed since it was read (now ${stored?.status ?? 'gone'}); read it again`,
      { path: ['bankCreditId'] },
    );
  }
}

/**
 * Records the bank-transfer payment of a bank credit and stores the credit as `matched` with it, in one
 * transaction, under the idempotency key `payments.record:bank:<account>:<line id>`: a payment a host recorded
 * before with the statement's key (as the pure matcher's docs advised) is found and linked, not recorded again.
 * @returns the credit as now stored (another import's, when that one stored it first).
 * @internal
 */
export async function recordBankCreditPayment(
  ctx: EngineContext,
  credit: BankCredit,
  request: PaymentRequest,
  options: BankCreditPaymentOptions,
): Promise<BankCredit> {
  const matched = (payment: Pick<Payment, 'id' | 'customerId'>): BankCredit => ({
    ...credit,
    status: 'matched',
    resolution: options.resolution,
    customerId: payment.customerId,
    paymentId: payment.id,
    resolvedAt: ctx.clock.now().toISOString(),
    version: options.write === 'insert' ? 1 : credit.version + 1,
  });
  let written = undefined as BankCredit | undefined;
  const payment = await runIdempotent(ctx, `payments.record:${credit.key}`, request, async (session, outbox) => {
    if (options.write === 'update') await checkUnchanged(session, credit);
    const recorded = await settlePayment(ctx, session, outbox, request);
    written = matched(recorded);
    if (options.write === 'insert') await session.bankCredits.insert(written);
    else await session.bankCredits.update(written);
    return recorded;
  });
  // `written` is only what committed when its payment is the one returned: a transaction that lost a race on the
  // idempotency key ran too, and runIdempotent answered with the winner's payment instead.
  if (written !== undefined && written.paymentId === payment.id) return written;
  // A replay: the payment was recorded before under the same key (by a host, or by a concurrent import).
  const linked = matched(payment);
  try {
    if (options.write === 'insert') await ctx.storage.bankCredits.insert(linked);
    else await ctx.storage.bankCredits.update(linked);
    return linked;
  } catch (error) {
    const stored = await ctx.storage.bankCredits.getByKey(credit.key);
    if (stored === undefined || stored.paymentId !== payment.id) throw error;
    return stored;
  }
}
