import { z } from 'zod';
import { IdSchema } from '../../domain/common';
import type { Payment, PaymentAllocation, Refund } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import { assertMinorUnits, IdempotencyKeySchema, PositiveAmountSchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { creditBalance, recordBalanceEntry } from '../ledger/credit-balance';
import { requireRecord } from '../require-record';
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
 * Records money given back on a payment (the money itself goes back by hand, as it came). Never more than
 * paid minus refunded. Where the refund comes from:
 * 1. first the payment's unapplied credit still on the customer's balance (a negative `refund` balance entry;
 *    the payment's `unapplied` goes down);
 * 2. then its allocations, latest first: each invoice's `amountPaid` goes down and `amountRemaining` up, so a
 *    `paid` invoice reopens (`open`, owed again), and the allocation shrinks.
 * When the payment's credit was already spent on later invoices (their `creditApplied`), that part cannot be
 * refunded: `invalid_state` (issue a credit note first, or refund less).
 * @throws BillingError `not_found`, `invalid_input` (more than refundable), `invalid_state`.
 */
export async function refundPayment(ctx: EngineContext, input: RefundPaymentInput): Promise<Refund> {
  const { idempotencyKey, ...request } = validate(RefundPaymentInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `payments.refund:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session) => {
    const payment = await requireRecord(session.payments, request.paymentId, 'payment', ['input', 'paymentId']);
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
    for (let index = allocations.length - 1; index >= 0 && !rest.isZero(); index--) {
      const allocation = allocations[index] as PaymentAllocation;
      const available = m(allocation.amount);
      const part = rest.compare(available) < 0 ? rest : available;
      const invoice = await requireRecord(session.invoices, allocation.invoiceId, 'invoice', ['input', 'paymentId']);
      await session.invoices.update(unapplyFromInvoice(invoice, part));
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
      createdAt: ctx.clock.now().toISOString(),
    };
    await session.refunds.insert(refund);
    if (!fromCredit.isZero()) {
      await recordBalanceEntry(session, ctx, {
        customerId: payment.customerId,
        currency: payment.currency,
        amount: fromCredit.negate().toString(),
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
    return refund;
  });
}
