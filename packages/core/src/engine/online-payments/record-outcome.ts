import type { Invoice } from '../../domain/invoice';
import type { AttemptDecline, PaymentAttempt, PaymentAttemptStatus } from '../../domain/payment-attempt';
import type { GatewayFee, GatewayPayment } from '../../payments/gateway-results';
import { money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { collectionsPolicy } from '../collections/collections-policy';
import { advanceDunning } from '../collections/dunning';
import { lockDunnedSubscriptions, resumeSettledSubscriptions } from '../collections/settle-dunning';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { type Allocation, writePayment } from '../payments/record-payment';
import type { AttemptOutcome } from './send-attempt';

/** What the provider took for an attempt. */
export interface ProviderCharge {
  /** The provider's payment id. */
  readonly id: string;
  /** What was taken, in major units of the attempt's currency. */
  readonly amount: string;
  readonly fee?: GatewayFee | undefined;
  /** The provider's id of the money movement (Stripe charge, PayPal capture). */
  readonly chargeId?: string | undefined;
}

/** What a succeeded provider payment took: the captured amount (the amount asked, when the provider reports none). */
export function chargeOf(payment: GatewayPayment): ProviderCharge {
  const captured = money(payment.amountCaptured, payment.currency);
  return {
    id: payment.id,
    amount: captured.isZero() ? payment.amount : payment.amountCaptured,
    fee: payment.fee,
    chargeId: payment.chargeId,
  };
}

/** Statuses an attempt never leaves: the provider's answer about them is already recorded. */
const FINAL: ReadonlySet<PaymentAttemptStatus> = new Set(['succeeded', 'failed', 'canceled']);

/** The attempt after a change, with version + 1 and no `dueAt` unless `next` sets one. */
function changed(attempt: PaymentAttempt, next: Partial<PaymentAttempt>, now: string): PaymentAttempt {
  const { dueAt: _due, decline: _decline, failedAt: _failed, ...rest } = attempt;
  return { ...rest, ...next, updatedAt: now, version: attempt.version + 1 };
}

/**
 * Records a charge the provider made for an attempt, inside the caller's transaction, which holds the customer's
 * ledger lock: a `gateway` payment (gateway, provider payment id, charge id as `reference`, fee) applied to the
 * attempt's invoices in their order, each up to what it still owes (what none owes becomes credit); the attempt
 * `succeeded` with its `paymentId`; subscriptions whose overdue invoices are now settled leave dunning. Does nothing
 * for an attempt already `succeeded`, so the same charge told twice (the answer and its webhook) is recorded once.
 * A `failed` attempt may still succeed (the customer finished the payment later; events arrive in any order).
 */
export async function recordAttemptSuccess(
  session: StorageSession,
  ctx: EngineContext,
  attempt: PaymentAttempt,
  charge: ProviderCharge,
  outbox: BillingNotification[],
): Promise<PaymentAttempt> {
  if (attempt.status === 'succeeded') return attempt;
  const now = ctx.clock.now().toISOString();
  const dunned = await lockDunnedSubscriptions(session, attempt.customerId);
  const plan: Allocation[] = [];
  let left = money(charge.amount, attempt.currency);
  for (const invoiceId of attempt.invoiceIds ?? [attempt.invoiceId]) {
    const invoice = await session.invoices.get(invoiceId);
    if (invoice === undefined || invoice.currency !== attempt.currency || left.isZero()) continue;
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') continue;
    const remaining = money(invoice.amountRemaining, invoice.currency);
    const part = left.compare(remaining) < 0 ? left : remaining;
    if (part.isZero()) continue;
    plan.push({ invoice, amount: part });
    left = left.subtract(part);
  }
  const payment = await writePayment(
    session,
    ctx,
    plan,
    {
      customerId: attempt.customerId,
      currency: attempt.currency,
      amount: charge.amount,
      method: 'gateway',
      gateway: attempt.gateway,
      providerPaymentId: charge.id,
      ...(charge.chargeId !== undefined ? { reference: charge.chargeId } : {}),
      ...(charge.fee !== undefined ? { fee: { ...charge.fee } } : {}),
      receivedAt: now,
      metadata: {},
    },
    outbox,
  );
  const succeeded = changed(
    attempt,
    {
      status: 'succeeded',
      paymentId: payment.id,
      providerPaymentId: charge.id,
      ...(charge.chargeId !== undefined ? { chargeId: charge.chargeId } : {}),
      ...(charge.fee !== undefined ? { fee: { ...charge.fee } } : {}),
    },
    now,
  );
  await session.paymentAttempts.update(succeeded);
  await resumeSettledSubscriptions(session, ctx, dunned, outbox);
  return succeeded;
}

/** When the retry after the `attemptNumber`-th failure is due, or `undefined` when none is left (see the policy's `retries`). */
async function retryAt(
  session: StorageSession,
  ctx: EngineContext,
  attempt: PaymentAttempt,
  invoice: Invoice | undefined,
  decline: AttemptDecline,
  now: Date,
): Promise<string | undefined> {
  if (invoice === undefined || invoice.status !== 'open') return undefined;
  const customer = await session.customers.get(attempt.customerId);
  const subscription =
    invoice.subscriptionId === undefined ? undefined : await session.subscriptions.get(invoice.subscriptionId);
  let retries = ctx.config.collections.policy.retries;
  try {
    retries = collectionsPolicy(
      ctx.config.collections,
      subscription?.collectionsPolicy ?? customer?.collectionsPolicy,
    ).retries;
  } catch {
    // A policy name the config no longer has: the account's retries apply.
  }
  if (decline.kind === 'hard' && retries.hardDecline === 'stop') return undefined;
  const days = retries.scheduleDays[attempt.attemptNumber - 1];
  return days === undefined ? undefined : new Date(now.getTime() + days * 86_400_000).toISOString();
}

/**
 * Records a declined attempt, inside the caller's transaction, which holds the customer's ledger lock: `failed` with
 * the provider's decline code, message and kind, and `payment.failed` in the outbox. An automatic charge (or retry)
 * gets its next retry from the collections policy's `retries` (one retry `scheduleDays[n-1]` days after the n-th
 * failure; none after a hard decline unless `hardDecline: 'continue'`); the last failure moves the invoice's
 * subscription into dunning (`past_due`). Does nothing for an attempt already final (a decline told twice, or told
 * after its success: events arrive in any order).
 */
export async function recordAttemptFailure(
  session: StorageSession,
  ctx: EngineContext,
  attempt: PaymentAttempt,
  decline: AttemptDecline,
  providerPaymentId: string | undefined,
  outbox: BillingNotification[],
): Promise<PaymentAttempt> {
  if (FINAL.has(attempt.status)) return attempt;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const automatic = attempt.trigger === 'automatic' || attempt.trigger === 'retry';
  const invoice = await session.invoices.get(attempt.invoiceId);
  const next = automatic ? await retryAt(session, ctx, attempt, invoice, decline, now) : undefined;
  if (automatic && next === undefined && invoice?.status === 'open' && invoice.subscriptionId !== undefined) {
    const [subscription] = await session.subscriptions.lock([invoice.subscriptionId], 'update');
    const move = subscription === undefined ? undefined : advanceDunning(subscription, 'past_due', invoice.id, at);
    if (subscription !== undefined && move !== undefined) {
      await session.subscriptions.update({ ...move.subscription, updatedAt: at, version: subscription.version + 1 });
      outbox.push(...move.notifications);
    }
  }
  const failed = changed(
    attempt,
    {
      status: 'failed',
      decline: { ...decline },
      failedAt: at,
      ...(providerPaymentId !== undefined ? { providerPaymentId } : {}),
      ...(next !== undefined ? { dueAt: next } : {}),
    },
    at,
  );
  await session.paymentAttempts.update(failed);
  outbox.push({
    type: 'payment.failed',
    customerId: attempt.customerId,
    invoiceId: attempt.invoiceId,
    decline: { ...decline },
    ...(next !== undefined ? { nextAttemptAt: next } : {}),
    occurredAt: at,
    dedupeKey: `payment.failed/${attempt.id}`,
  });
  return failed;
}

/** The status an unfinished provider payment puts its attempt in. */
function waitingStatus(payment: GatewayPayment): PaymentAttemptStatus {
  if (payment.status === 'requires_action') return 'requires_action';
  if (payment.status === 'canceled') return 'canceled';
  return 'processing';
}

/**
 * Records what a gateway said about an attempt, in one transaction under the customer's ledger lock, from a fresh
 * read of the attempt: a succeeded payment ({@link recordAttemptSuccess}), a decline or a refused request
 * ({@link recordAttemptFailure}), or a payment waiting for the customer (3-D Secure, approval: `requires_action`,
 * finished in the portal) or for the provider (`processing`, finished by webhook). An `unknown` outcome changes
 * nothing: the attempt stays `pending` and is sent again under the same key once its lease ends.
 * @returns the attempt as recorded.
 */
export async function recordAttemptOutcome(
  ctx: EngineContext,
  attemptId: string,
  outcome: AttemptOutcome,
): Promise<PaymentAttempt> {
  return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    const attempt = await readUnderLedgerLock(session, session.paymentAttempts, attemptId, 'payment attempt', [
      'attemptId',
    ]);
    if (outcome.kind === 'unknown') return attempt;
    if (outcome.kind === 'refused')
      return recordAttemptFailure(session, ctx, attempt, outcome.decline, undefined, outbox);
    const payment = outcome.payment;
    if (payment.status === 'succeeded') return recordAttemptSuccess(session, ctx, attempt, chargeOf(payment), outbox);
    if (payment.status === 'failed') {
      const decline = payment.decline ?? { code: 'declined', message: 'The payment was declined', kind: 'soft' };
      return recordAttemptFailure(session, ctx, attempt, decline, payment.id, outbox);
    }
    if (FINAL.has(attempt.status) || attempt.status === waitingStatus(payment)) return attempt;
    const now = ctx.clock.now().toISOString();
    const waiting = changed(attempt, { status: waitingStatus(payment), providerPaymentId: payment.id }, now);
    await session.paymentAttempts.update(waiting);
    return waiting;
  });
}
