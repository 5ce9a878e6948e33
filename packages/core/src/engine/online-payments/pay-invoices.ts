import { z } from 'zod';
import { IdSchema } from '../../domain/common';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import type { GatewayPayment, NextAction } from '../../payments/gateway-results';
import { GatewayIdempotencyKeySchema, ReturnUrlSchema } from '../../payments/payment-requests';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { gatewayNamed } from './gateway-registry';
import { createPaymentMethodService } from './payment-method-service';
import { recordAttemptOutcome } from './record-outcome';
import { type AttemptOutcome, sendAttempt } from './send-attempt';

/** What `payments.payInvoices` takes: the customer pays open invoices now, in the browser. */
export const PayInvoicesInputSchema = z.strictObject({
  customerId: IdSchema,
  invoiceIds: z.array(IdSchema).min(1).max(20),
  gateway: z.string().min(1).max(40).optional(),
  /** A saved method of the customer (`CustomerPaymentMethod.id`); without it the provider collects one. */
  paymentMethodId: IdSchema.optional(),
  returnUrl: ReturnUrlSchema.optional(),
  cancelUrl: ReturnUrlSchema.optional(),
  /** Sent to the provider as is: the same key gives back the same payment. */
  idempotencyKey: GatewayIdempotencyKeySchema,
});

/** Input of `payments.payInvoices`. */
export type PayInvoicesInput = z.input<typeof PayInvoicesInputSchema>;

/** An attempt as the browser needs it: where it stands and what the provider's browser library must do next. */
export interface AttemptProgress {
  readonly attempt: PaymentAttempt;
  readonly nextAction?: NextAction;
}

/**
 * Attempts that may still take the money: a second pay click joins them instead of charging again, and a provider's
 * payment event for their invoice is theirs while they wait for their answer.
 * @internal
 */
export const IN_FLIGHT: ReadonlySet<PaymentAttempt['status']> = new Set(['pending', 'requires_action', 'processing']);

/** The attempt as recorded after `outcome`, with the provider's next action while it waits for the customer. */
async function progress(ctx: EngineContext, attemptId: string, outcome: AttemptOutcome): Promise<AttemptProgress> {
  const attempt = await recordAttemptOutcome(ctx, attemptId, outcome);
  const payment: GatewayPayment | undefined = outcome.kind === 'answered' ? outcome.payment : undefined;
  return {
    attempt,
    ...(attempt.status === 'requires_action' && payment?.nextAction !== undefined
      ? { nextAction: payment.nextAction }
      : {}),
  };
}

/**
 * Pays a customer's open invoices of one currency through a gateway, on-session (the portal's pay button): one
 * attempt for all of them, under the caller's idempotency key, for what they still owe. Under the customer's ledger
 * lock it first looks for an attempt on the first invoice that may still take the money (pending, waiting for the
 * customer or the provider): a second click — with the same key or another — joins it and charges nothing more. The
 * provider's answer is recorded like an automatic charge's; a payment waiting for the customer comes back with its
 * `nextAction` (Stripe client secret, PayPal approval URL), finished by {@link confirmInvoicePayment}.
 * @throws BillingError `not_found` (an invoice or method not the customer's), `invalid_state` (an invoice not open),
 * `currency_mismatch`.
 */
export async function payInvoices(ctx: EngineContext, input: PayInvoicesInput): Promise<AttemptProgress> {
  const request = validate(PayInvoicesInputSchema, input, 'input');
  const gateway = gatewayNamed(ctx, request.gateway, ['input', 'gateway']);
  const { attempt, fresh } = await runIdempotent(ctx, undefined, undefined, async (session) => {
    await lockCustomerLedgers(session, [request.customerId]);
    const known = await session.paymentAttempts.getByIdempotencyKey(request.idempotencyKey);
    if (known !== undefined) return { attempt: known, fresh: false };
    const invoices = [];
    for (const [index, id] of request.invoiceIds.entries()) {
      const invoice = await session.invoices.get(id);
      const path = ['input', 'invoiceIds', index];
      if (invoice === undefined || invoice.customerId !== request.customerId) {
        throw new BillingError(BillingErrorCode.notFound, `Customer ${request.customerId} has no invoice "${id}"`, {
          path,
        });
      }
      if (invoice.status !== 'open') {
        throw new BillingError(BillingErrorCode.invalidState, `Invoice ${invoice.number ?? id} is ${invoice.status}`, {
          path,
        });
      }
      if (invoice.currency !== invoices[0]?.currency && invoices.length > 0) {
        throw new BillingError(BillingErrorCode.currencyMismatch, 'Pay invoices of one currency at a time', { path });
      }
      invoices.push(invoice);
    }
    const first = invoices[0] as (typeof invoices)[number];
    const earlier = await session.paymentAttempts.list({ invoiceId: first.id, limit: 1000 });
    const flying = earlier.items.find((candidate) => IN_FLIGHT.has(candidate.status));
    if (flying !== undefined) return { attempt: flying, fresh: false };
    const method =
      request.paymentMethodId === undefined
        ? undefined
        : await requireRecord(session.paymentMethods, request.paymentMethodId, 'payment method', [
            'input',
            'paymentMethodId',
          ]);
    if (method !== undefined && (method.customerId !== request.customerId || method.status !== 'active')) {
      throw new BillingError(BillingErrorCode.notFound, `No payment method "${method.id}"`, {
        path: ['input', 'paymentMethodId'],
      });
    }
    const now = ctx.clock.now();
    const total = invoices.reduce(
      (sum, invoice) => sum.add(money(invoice.amountRemaining, invoice.currency)),
      money('0', first.currency),
    );
    const created: PaymentAttempt = {
      id: ctx.ids('att'),
      customerId: request.customerId,
      invoiceId: first.id,
      ...(invoices.length > 1 ? { invoiceIds: invoices.map((invoice) => invoice.id) } : {}),
      gateway: method?.gateway ?? gateway.name,
      attemptNumber: earlier.items.length + 1,
      trigger: 'portal',
      status: 'pending',
      amount: total.toString(),
      currency: first.currency,
      idempotencyKey: request.idempotencyKey,
      ...(method !== undefined ? { paymentMethodId: method.id } : {}),
      dueAt: new Date(now.getTime() + ctx.config.payments.leaseSeconds * 1000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    await session.paymentAttempts.insert(created);
    return { attempt: created, fresh: true };
  });
  const charger = gatewayNamed(ctx, attempt.gateway);
  if (!fresh) {
    if (attempt.providerPaymentId === undefined || !IN_FLIGHT.has(attempt.status)) return { attempt };
    return progress(ctx, attempt.id, {
      kind: 'answered',
      payment: await charger.getPayment(attempt.providerPaymentId),
    });
  }
  const method =
    attempt.paymentMethodId === undefined ? undefined : await ctx.storage.paymentMethods.get(attempt.paymentMethodId);
  if (method !== undefined) return progress(ctx, attempt.id, await sendAttempt(ctx, { attempt, method }));
  const customerReference = await createPaymentMethodService(ctx).gatewayCustomer(attempt.customerId, charger.name);
  let outcome: AttemptOutcome;
  try {
    outcome = {
      kind: 'answered',
      payment: await charger.createPayment({
        amount: attempt.amount,
        currency: attempt.currency,
        customerId: attempt.customerId,
        customerReference,
        session: 'on_session',
        invoiceIds: attempt.invoiceIds ?? [attempt.invoiceId],
        ...(request.returnUrl !== undefined ? { returnUrl: request.returnUrl } : {}),
        ...(request.cancelUrl !== undefined ? { cancelUrl: request.cancelUrl } : {}),
        idempotencyKey: attempt.idempotencyKey,
      }),
    };
  } catch (error) {
    if (!(error instanceof BillingError)) throw error;
    outcome =
      error.code === BillingErrorCode.gatewayUnavailable
        ? { kind: 'unknown', error }
        : { kind: 'refused', decline: { code: error.code, message: error.message, kind: 'hard' } };
  }
  return progress(ctx, attempt.id, outcome);
}

/**
 * Finishes a payment the customer completed in the browser (3-D Secure passed, PayPal approved): reads the payment
 * at its provider, captures it when the provider waits for that (an approved PayPal order; the key is the attempt's
 * plus `:capture`), and records the outcome. A `failed` attempt is read again too: after a decline the customer may
 * retry the same provider payment with another card, and its success may reach the engine before its webhook does.
 * An attempt of another customer is `undefined`.
 */
export async function confirmInvoicePayment(
  ctx: EngineContext,
  input: { readonly customerId: string; readonly attemptId: string },
): Promise<AttemptProgress | undefined> {
  const attempt = await ctx.storage.paymentAttempts.get(input.attemptId);
  if (attempt === undefined || attempt.customerId !== input.customerId) return undefined;
  const open = IN_FLIGHT.has(attempt.status) || attempt.status === 'failed';
  if (attempt.providerPaymentId === undefined || !open) return { attempt };
  const gateway = gatewayNamed(ctx, attempt.gateway);
  let payment = await gateway.getPayment(attempt.providerPaymentId);
  if (payment.status === 'requires_capture') {
    payment = await gateway.capturePayment({
      paymentId: payment.id,
      currency: attempt.currency,
      idempotencyKey: `${attempt.idempotencyKey}:capture`.slice(0, 100),
    });
  }
  return progress(ctx, attempt.id, { kind: 'answered', payment });
}
