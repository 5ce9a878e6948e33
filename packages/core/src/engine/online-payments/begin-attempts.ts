import type { CustomerPaymentMethod } from '../../domain/customer-payment-method';
import type { Invoice } from '../../domain/invoice';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { money } from '../../money/money';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { attemptIdempotencyKey } from './gateway-registry';
import { defaultPaymentMethod } from './schedule-charges';

/** An attempt reserved for sending: what to charge, and where. */
export interface ChargeOrder {
  /** The attempt, `pending` with its lease, as stored. */
  readonly attempt: PaymentAttempt;
  /** The saved method charged off-session. */
  readonly method: CustomerPaymentMethod;
}

/** Whether an invoice no longer needs charging: gone, settled, voided, or nothing left on it. */
function settled(invoice: Invoice | undefined): boolean {
  return (
    invoice === undefined ||
    (invoice.status !== 'open' && invoice.status !== 'uncollectible') ||
    money(invoice.amountRemaining, invoice.currency).isZero()
  );
}

/**
 * Whether another attempt on the same invoice is being charged (sent, or accepted and waiting for the provider). One
 * waiting for the customer (`requires_action`) does not hold charges back: a customer may never come back to it.
 */
async function anotherInFlight(session: StorageSession, attempt: PaymentAttempt): Promise<boolean> {
  const page = await session.paymentAttempts.list({ invoiceId: attempt.invoiceId, limit: 1000 });
  return page.items.some(
    (other) => other.id !== attempt.id && (other.status === 'pending' || other.status === 'processing'),
  );
}

/** An attempt after a change, stored with version + 1 (`dueAt` as `next` gives it). */
function moved(attempt: PaymentAttempt, next: Partial<PaymentAttempt>, now: string): PaymentAttempt {
  const { dueAt: _due, ...rest } = attempt;
  return { ...rest, ...next, updatedAt: now, version: attempt.version + 1 };
}

/**
 * Reserves due attempts for sending, inside the caller's transaction, which holds their customers' ledger locks and
 * the attempts' rows (rule L1: what is decided — whether the invoice still owes money, how much — is read after the
 * lock). Per attempt, by status:
 * - `scheduled`: canceled when the invoice was settled meanwhile; else `pending` for what the invoice still owes,
 *   with a lease of `payments.leaseSeconds`;
 * - `pending` whose lease ended (its sender died or could not learn the outcome): leased again and sent again as
 *   it was, same key and amount, so the provider answers with the payment it made, if it made one;
 * - `failed` with a retry due: the retry is attempt n + 1 (`<invoiceId>:attempt:<n+1>`), unless the invoice was
 *   settled meanwhile (the retries stop).
 * A scheduled charge or retry waits (its `dueAt` moves by a lease) while another attempt on the invoice is being
 * charged — the customer paying in the portal — so one invoice is never charged twice at once.
 * New charges go to the customer's default method as it is now (a customer who saved a new card after a decline is
 * charged on it); without one, nothing is charged.
 * @returns what to send, in the order of `attempts`.
 */
export async function beginAttempts(
  session: StorageSession,
  ctx: EngineContext,
  attempts: readonly PaymentAttempt[],
): Promise<ChargeOrder[]> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const leaseEnd = new Date(now.getTime() + ctx.config.payments.leaseSeconds * 1000).toISOString();
  const orders: ChargeOrder[] = [];
  for (const attempt of attempts) {
    const invoice = await session.invoices.get(attempt.invoiceId);
    if (attempt.status === 'pending') {
      const method = await session.paymentMethods.get(attempt.paymentMethodId ?? '');
      const leased = moved(attempt, { dueAt: leaseEnd }, at);
      await session.paymentAttempts.update(leased);
      if (method !== undefined) orders.push({ attempt: leased, method });
      continue;
    }
    if (await anotherInFlight(session, attempt)) {
      // Another attempt on the invoice is being charged (the customer paying in the portal): look again later.
      await session.paymentAttempts.update(moved(attempt, { dueAt: leaseEnd }, at));
      continue;
    }
    const method = settled(invoice) ? undefined : await defaultPaymentMethod(session, ctx, attempt.customerId);
    if (attempt.status === 'scheduled') {
      const next: Partial<PaymentAttempt> =
        method === undefined || invoice === undefined
          ? { status: 'canceled' }
          : { status: 'pending', amount: invoice.amountRemaining, paymentMethodId: method.id, dueAt: leaseEnd };
      const updated = moved(attempt, next, at);
      await session.paymentAttempts.update(updated);
      if (method !== undefined) orders.push({ attempt: updated, method });
      continue;
    }
    await session.paymentAttempts.update(moved(attempt, {}, at));
    if (attempt.status !== 'failed' || method === undefined || invoice === undefined) continue;
    const attemptNumber = attempt.attemptNumber + 1;
    const retry: PaymentAttempt = {
      id: ctx.ids('att'),
      customerId: attempt.customerId,
      invoiceId: attempt.invoiceId,
      gateway: method.gateway,
      attemptNumber,
      trigger: 'retry',
      status: 'pending',
      amount: invoice.amountRemaining,
      currency: invoice.currency,
      idempotencyKey: attemptIdempotencyKey(attempt.invoiceId, attemptNumber),
      paymentMethodId: method.id,
      dueAt: leaseEnd,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    await session.paymentAttempts.insert(retry);
    orders.push({ attempt: retry, method });
  }
  return orders;
}
