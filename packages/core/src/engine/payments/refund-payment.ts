import { z } from 'zod';
import { IdSchema } from '../../domain/common';
import type { Payment, PaymentAllocation, Refund } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { Invoice } from '../../domain/invoice';
import { type Money, money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { assertMinorUnits, IdempotencyKeySchema, PositiveAmountSchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { creditBalance, recordBalanceEntry } from '../ledger/credit-balance';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { refundsThroughGateway, refundThroughGateway } from '../online-payments/refund-through-gateway';
import { unapplyFromInvoice } from './apply-payment';

/** What `payments.refund` takes. */
export const RefundPaymentInputSchema = z.strictObject({
  paymentId: IdSchema,
  amount: PositiveAmountSchema,
  reason: z.string().max(500).optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** Input of `payments.refund`; see {@link RefundPaymentInputSchema}. */
export type RefundPaymentInput = z.input<typeof RefundPaymentInputSchema>;

/**
 * Records money given back on a payment: a payment taken through one of the engine's gateways is refunded at the
 * provider first (`refundThroughGateway`); any other goes back by hand, as it came. Never more than
 * paid minus refunded. Where the refund comes from:
 * 1. first the payment's unapplied credit still on the customer's balance (a negative `refund` balance entry;
 *    the payment's `unapplied` goes down);
 * 2. then its allocations, latest first: each invoice's `amountPaid` goes down and the allocation shrinks. When
 *    credit notes of that invoice put a surplus on the balance (the invoice was paid and credited too), that
 *    surplus still on the balance settles the invoice again first (`amountCredited` up, the same negative `refund`
 *    entry): the customer is refunded from the credit the credit note created, not billed again. Only the rest
 *    raises `amountRemaining`, reopening a `paid` invoice (`open`, owed again).
 * When the payment's credit was already spent on later invoices (their `creditApplied`), that part cannot be
 * refunded: `invalid_state` (issue a credit note first, or refund less).
 * @throws BillingError `not_found`, `invalid_input` (more than refundable), `invalid_state`.
 */
export async function refundPayment(ctx: EngineContext, input: RefundPaymentInput): Promise<Refund> {
  const { idempotencyKey, ...request } = validate(RefundPaymentInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `payments.refund:${idempotencyKey}`;
  const stored = await ctx.storage.payments.get(request.paymentId);
  if (stored !== undefined && refundsThroughGateway(ctx, stored)) {
    assertMinorUnits(request.amount, stored.currency, ['input', 'amount']);
    return refundThroughGateway(ctx, stored, request, idempotencyKey);
  }
  return runIdempotent(ctx, key, request, async (session, outbox) => {
    const payment = await readUnderLedgerLock(session, session.payments, request.paymentId, 'payment', [
      'input',
      'paymentId',
    ]);
    return writeRefund(session, ctx, payment, request, outbox);
  });
}

/** What {@link writeRefund} gives back on a payment. */
export interface RefundRequest {
  readonly amount: string;
  readonly reason?: string | undefined;
  /** The provider's refund, for a refund of a gateway payment. */
  readonly providerRefundId?: string | undefined;
}

/**
 * Records a refund of `payment` (read under its customer's ledger lock) inside the caller's transaction: the rules of
 * {@link refundPayment}. Adds `payment.refunded` to `outbox`.
 * @throws BillingError `invalid_input` (more than refundable), `invalid_state`.
 */
export async function writeRefund(
  session: StorageSession,
  ctx: EngineContext,
  payment: Payment,
  request: RefundRequest,
  outbox: BillingNotification[],
): Promise<Refund> {
  assertMinorUnits(request.amount, payment.currency, ['input', 'amount']);
  const m = (amount: string) => money(amount, payment.currency);
  const amount = m(request.amount);
  const refundable = m(payment.amount).subtract(m(payment.amountRefunded));
  if (amount.compare(refundable) > 0) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `At most ${refundable} of payment ${payment.id} can be refunded`,
      {
        path: ['input', 'amount'],
      },
    );
  }
  const balance = m(await creditBalance(session, payment.customerId, payment.currency));
  const unapplied = m(payment.unapplied);
  const creditLeft = unapplied.compare(balance) < 0 ? unapplied : balance;
  const fromCredit = amount.compare(creditLeft) < 0 ? amount : creditLeft;
  let rest = amount.subtract(fromCredit);
  const allocations: PaymentAllocation[] = payment.allocations.map((allocation) => ({ ...allocation }));
  const allocated = allocations.reduce((sum, allocation) => sum.add(m(allocation.amount)), m('0'));
  if (rest.compare(allocated) > 0) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Only ${creditLeft.add(allocated)} of payment ${payment.id} can be refunded now: the rest of its credit was already applied to later invoices`,
      { path: ['input', 'amount'] },
    );
  }
  // Credit left on the balance after step 1, for the credit-note surplus of the invoices the refund reopens.
  let balanceLeft = balance.subtract(fromCredit);
  let fromSurplus = m('0');
  for (let index = allocations.length - 1; index >= 0 && !rest.isZero(); index--) {
    const allocation = allocations[index] as PaymentAllocation;
    const available = m(allocation.amount);
    const part = rest.compare(available) < 0 ? rest : available;
    const invoice = await requireRecord(session.invoices, allocation.invoiceId, 'invoice', ['input', 'paymentId']);
    const covered = smallest(part, await creditNoteSurplus(session, invoice), balanceLeft);
    await session.invoices.update(unapplyFromInvoice(invoice, part, covered));
    balanceLeft = balanceLeft.subtract(covered);
    fromSurplus = fromSurplus.add(covered);
    allocations[index] = { ...allocation, amount: available.subtract(part).toString() };
    rest = rest.subtract(part);
  }
  const refund: Refund = {
    id: ctx.ids('re'),
    paymentId: payment.id,
    customerId: payment.customerId,
    currency: payment.currency,
    amount: amount.toString(),
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    ...(request.providerRefundId !== undefined ? { providerRefundId: request.providerRefundId } : {}),
    createdAt: ctx.clock.now().toISOString(),
  };
  await session.refunds.insert(refund);
  const fromBalance = fromCredit.add(fromSurplus);
  if (!fromBalance.isZero()) {
    await recordBalanceEntry(session, ctx, {
      customerId: payment.customerId,
      currency: payment.currency,
      amount: fromBalance.negate().toString(),
      type: 'refund',
      referenceId: refund.id,
    });
  }
  const refunded = m(payment.amountRefunded).add(amount);
  const next: Payment = {
    ...payment,
    allocations: allocations.filter((allocation) => !m(allocation.amount).isZero()),
    unapplied: unapplied.subtract(fromCredit).toString(),
    amountRefunded: refunded.toString(),
    status: refunded.compare(m(payment.amount)) === 0 ? 'refunded' : 'partially_refunded',
    version: payment.version + 1,
  };
  await session.payments.update(next);
  outbox.push({
    type: 'payment.refunded',
    customerId: payment.customerId,
    paymentId: payment.id,
    refundId: refund.id,
    occurredAt: refund.createdAt,
  });
  return refund;
}

/** The smallest of some amounts of one currency. */
function smallest(first: Money, ...others: Money[]): Money {
  return others.reduce((min, amount) => (amount.compare(min) < 0 ? amount : min), first);
}

/**
 * The credit-note surplus of an invoice not yet taken back: what its credit notes put on the balance
 * (`Σ total`) less what it shows as credited (`amountCredited`: what they applied, plus surplus already taken
 * back by refunds). Never below zero.
 */
async function creditNoteSurplus(session: StorageSession, invoice: Invoice): Promise<Money> {
  let noted = money('0', invoice.currency);
  let cursor: string | undefined;
  do {
    const page = await session.creditNotes.list({ invoiceId: invoice.id, limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const note of page.items) noted = noted.add(money(note.total, invoice.currency));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const surplus = noted.subtract(money(invoice.amountCredited, invoice.currency));
  return surplus.isNegative() ? money('0', invoice.currency) : surplus;
}
