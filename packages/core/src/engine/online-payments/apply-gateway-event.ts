import type { Invoice } from '../../domain/invoice';
import type { Dispute, Payment } from '../../domain/payment';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import { type GatewayEvent, GatewayEventSchema } from '../../payments/gateway-events';
import type { PaymentGateway } from '../../payments/payment-gateway';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { writeRefund } from '../payments/refund-payment';
import { requireRecord } from '../require-record';
import { gatewayNamed } from './gateway-registry';
import { IN_FLIGHT } from './pay-invoices';
import { chargeOf, recordAttemptFailure, recordAttemptSuccess } from './record-outcome';

/** What applying one event did to the ledger. */
export type AppliedEvent =
  | 'recorded'
  /** The ledger already held what the event says (a second delivery, or an older event arriving late). */
  | 'unchanged'
  /** The engine does not act on the event (unknown payment, or a kind it ignores). */
  | 'ignored';

/** The attempt of a provider payment: by its id, else by the idempotency key the payment was created with. */
async function findAttempt(
  session: StorageSession,
  gateway: string,
  providerPaymentId: string,
  idempotencyKey: string | undefined,
): Promise<PaymentAttempt | undefined> {
  const byId = await session.paymentAttempts.getByProviderPayment(gateway, providerPaymentId);
  if (byId !== undefined || idempotencyKey === undefined) return byId;
  return session.paymentAttempts.getByIdempotencyKey(idempotencyKey);
}

/**
 * The attempt of `invoiceId` under way at `gateway` for this amount whose answer is not recorded yet (no provider
 * payment): a provider whose events do not carry the idempotency key (PayPal) can announce a capture before the
 * engine has recorded the answer to its own request. At most one attempt per invoice is under way.
 */
async function unansweredAttempt(
  session: StorageSession,
  gateway: string,
  invoiceId: string,
  payment: { amount: string; currency: string },
): Promise<PaymentAttempt | undefined> {
  const { items } = await session.paymentAttempts.list({ invoiceId, limit: 1000 });
  return items.find(
    (attempt) =>
      attempt.gateway === gateway &&
      attempt.providerPaymentId === undefined &&
      IN_FLIGHT.has(attempt.status) &&
      attempt.currency === payment.currency &&
      money(attempt.amount, attempt.currency).compare(money(payment.amount, payment.currency)) === 0,
  );
}

/**
 * The attempt a provider payment belongs to: found by its id or idempotency key, else its first invoice's attempt
 * still waiting for its answer ({@link unansweredAttempt}), else made for a payment the engine did not start (created
 * at the provider for Billfold invoices by other means): recorded as a `webhook` attempt on its first invoice.
 * `undefined` when the payment names no invoice of a customer in the ledger.
 */
async function attemptFor(
  ctx: EngineContext,
  gateway: PaymentGateway,
  payment: { id: string; amount: string; currency: string; invoiceIds: readonly string[]; idempotencyKey?: string },
): Promise<PaymentAttempt | undefined> {
  const known = await findAttempt(ctx.storage, gateway.name, payment.id, payment.idempotencyKey);
  if (known !== undefined) return known;
  const [first, ...others] = payment.invoiceIds;
  const invoice = first === undefined ? undefined : await ctx.storage.invoices.get(first);
  if (invoice === undefined) return undefined;
  return runIdempotent(ctx, undefined, undefined, async (session) => {
    const locked = await readUnderLedgerLock(session, session.invoices, invoice.id, 'invoice', ['event', 'invoiceIds']);
    const again = await findAttempt(session, gateway.name, payment.id, payment.idempotencyKey);
    if (again !== undefined) return again;
    const waiting = await unansweredAttempt(session, gateway.name, locked.id, payment);
    if (waiting !== undefined) return waiting;
    const now = ctx.clock.now().toISOString();
    const attempt: PaymentAttempt = {
      id: ctx.ids('att'),
      customerId: locked.customerId,
      invoiceId: locked.id,
      ...(others.length > 0 ? { invoiceIds: [locked.id, ...others] } : {}),
      gateway: gateway.name,
      attemptNumber: 1,
      trigger: 'webhook',
      status: 'processing',
      amount: payment.amount,
      currency: payment.currency,
      idempotencyKey: `webhook:${gateway.name}:${payment.id}`.slice(0, 100),
      providerPaymentId: payment.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await session.paymentAttempts.insert(attempt);
    return attempt;
  });
}

/**
 * The ledger payment of a provider payment. When the ledger has none yet (a refund or dispute arrived before the
 * payment's own event), the payment is read from the gateway and recorded first.
 * @throws BillingError `invalid_state` when the provider payment has not succeeded (the provider delivers the event
 * again later) or names no invoice in the ledger.
 */
async function ledgerPaymentOf(
  ctx: EngineContext,
  gateway: PaymentGateway,
  providerPaymentId: string,
): Promise<string> {
  const attempt = await ctx.storage.paymentAttempts.getByProviderPayment(gateway.name, providerPaymentId);
  if (attempt?.paymentId !== undefined) return attempt.paymentId;
  const payment = await gateway.getPayment(providerPaymentId);
  const found = payment.status === 'succeeded' ? await attemptFor(ctx, gateway, payment) : undefined;
  if (found === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `${gateway.name} payment ${providerPaymentId} is not a succeeded payment of a Billfold invoice (yet)`,
    );
  }
  const recorded = await runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    const locked = await readUnderLedgerLock(session, session.paymentAttempts, found.id, 'payment attempt', ['event']);
    return recordAttemptSuccess(session, ctx, locked, chargeOf(payment), outbox);
  });
  return recorded.paymentId as string;
}

/** The invoices a payment settled, each flagged with the payment's dispute as it now stands. */
async function flagInvoices(session: StorageSession, payment: Payment, dispute: Dispute): Promise<void> {
  for (const { invoiceId } of payment.allocations) {
    const invoice = await session.invoices.get(invoiceId);
    if (invoice === undefined) continue;
    const flagged: Invoice = {
      ...invoice,
      dispute: {
        id: dispute.id,
        paymentId: payment.id,
        status: dispute.status,
        amount: dispute.amount,
        openedAt: dispute.openedAt,
        ...(dispute.closedAt !== undefined ? { closedAt: dispute.closedAt } : {}),
      },
      version: invoice.version + 1,
    };
    await session.invoices.update(flagged);
  }
}

/** Applies a dispute event to its payment under the customer's ledger lock. */
async function applyDispute(
  session: StorageSession,
  ctx: EngineContext,
  paymentId: string,
  event: Extract<GatewayEvent, { type: 'dispute.opened' | 'dispute.closed' }>,
  outbox: BillingNotification[],
): Promise<AppliedEvent> {
  const payment = await readUnderLedgerLock(session, session.payments, paymentId, 'payment', ['event', 'paymentId']);
  const current = payment.dispute?.id === event.disputeId ? payment.dispute : undefined;
  // A dispute only moves forward: opened → won or lost; a late `opened` after its `closed` changes nothing.
  if (current !== undefined && (event.type === 'dispute.opened' || current.status !== 'open')) return 'unchanged';
  const dispute: Dispute =
    event.type === 'dispute.opened'
      ? { id: event.disputeId, status: 'open', amount: event.amount, reason: event.reason, openedAt: event.occurredAt }
      : {
          id: event.disputeId,
          status: event.outcome,
          amount: event.amount,
          reason: current?.reason ?? '',
          openedAt: current?.openedAt ?? event.occurredAt,
          closedAt: event.occurredAt,
        };
  const disputed: Payment = { ...payment, dispute, version: payment.version + 1 };
  await session.payments.update(disputed);
  await flagInvoices(session, disputed, dispute);
  if (dispute.status === 'lost') {
    const after = await requireRecord(session.payments, payment.id, 'payment', ['event', 'paymentId']);
    await writeRefund(
      session,
      ctx,
      after,
      {
        amount: event.amount,
        reason: `Dispute ${event.disputeId} lost`,
        providerRefundId: `dispute:${event.disputeId}`,
      },
      outbox,
    );
  }
  return 'recorded';
}

/**
 * Applies a verified gateway event to the ledger, idempotently and in any order: the same event twice, or events
 * arriving late or out of order, end in the same ledger.
 * - `payment.succeeded`: the attempt's payment is recorded once (a payment the engine did not start, for Billfold
 *   invoices, is recorded as a `webhook` attempt); `payment.failed`: the attempt fails (retry, `payment.failed`),
 *   unless it already succeeded or failed.
 * - `refund.succeeded`: a ledger refund with the provider's refund id, at most once per provider refund (a refund the
 *   engine made through `payments.refund` is already there).
 * - `dispute.opened`: the payment and its invoices are flagged and the amount held; `dispute.closed`: `won` clears it,
 *   `lost` records the held amount as a refund (the invoice is owed again).
 * A refund or dispute of a payment the ledger does not hold yet reads the payment from the gateway and records it
 * first. Each event is one transaction under the customer's ledger lock.
 * @throws BillingError `invalid_input` for a malformed event, `invalid_state` for a refund or dispute of a payment
 * that has not succeeded (so the webhook handler answers 500 and the provider delivers again later).
 */
export async function applyGatewayEvent(ctx: EngineContext, input: GatewayEvent): Promise<AppliedEvent> {
  const event = validate(GatewayEventSchema, input, 'event');
  if (event.type === 'ignored' || event.type === 'setup.succeeded' || event.type === 'refund.failed') return 'ignored';
  const gateway = gatewayNamed(ctx, event.gateway, ['event', 'gateway']);
  if (event.type === 'payment.succeeded' || event.type === 'payment.failed') {
    const attempt = await attemptFor(ctx, gateway, { ...event, id: event.paymentId });
    if (attempt === undefined) return 'ignored';
    return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
      const locked = await readUnderLedgerLock(session, session.paymentAttempts, attempt.id, 'payment attempt', [
        'event',
      ]);
      const recorded =
        event.type === 'payment.succeeded'
          ? await recordAttemptSuccess(
              session,
              ctx,
              locked,
              { id: event.paymentId, amount: event.amount, fee: event.fee, chargeId: event.chargeId },
              outbox,
            )
          : await recordAttemptFailure(session, ctx, locked, event.decline, event.paymentId, outbox);
      return recorded === locked ? 'unchanged' : 'recorded';
    });
  }
  const paymentId = await ledgerPaymentOf(ctx, gateway, event.paymentId);
  return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    if (event.type === 'dispute.opened' || event.type === 'dispute.closed') {
      return applyDispute(session, ctx, paymentId, event, outbox);
    }
    const payment = await readUnderLedgerLock(session, session.payments, paymentId, 'payment', ['event']);
    const refunds = await session.refunds.list({ paymentId, limit: 1000 });
    if (refunds.items.some((refund) => refund.providerRefundId === event.refundId)) return 'unchanged';
    await writeRefund(session, ctx, payment, { amount: event.amount, providerRefundId: event.refundId }, outbox);
    return 'recorded';
  });
}
