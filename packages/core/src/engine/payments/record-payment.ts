import { z } from 'zod';
import { IdSchema, InstantInputSchema, MetadataSchema } from '../../domain/common';
import type { Invoice } from '../../domain/invoice';
import type { Payment, PaymentAllocation } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { type Money, money } from '../../money/money';
import { CurrencySchema } from '../../money/schemas';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { checkMinorUnits, IdempotencyKeySchema, PositiveAmountSchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { recordBalanceEntry } from '../ledger/credit-balance';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { lockDunnedSubscriptions, resumeSettledSubscriptions } from '../collections/settle-dunning';
import { requireRecord } from '../require-record';
import { applyToInvoice, oldestDueFirst } from './apply-payment';

/** What `payments.record` takes: a payment received outside any gateway. */
export const RecordPaymentInputSchema = z
  .strictObject({
    customerId: IdSchema,
    amount: PositiveAmountSchema,
    currency: CurrencySchema,
    method: z.enum(['cash', 'cheque', 'bank_transfer', 'card_external']),
    /** Cheque number, bank reference. */
    reference: z.string().max(200).optional(),
    /** When the money arrived (default: now). */
    receivedAt: InstantInputSchema.optional(),
    /** Where the money goes; without it, open invoices in the currency are settled oldest due first. */
    allocations: z
      .array(z.strictObject({ invoiceId: IdSchema, amount: PositiveAmountSchema }))
      .min(1)
      .max(100)
      .optional(),
    metadata: MetadataSchema.default({}),
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .superRefine(
    (input, ctx) => {
      checkMinorUnits(input.amount, input.currency, ['amount'], ctx);
      const seen = new Set<string>();
      let allocated = money('0', input.currency);
      input.allocations?.forEach((allocation, index) => {
        checkMinorUnits(allocation.amount, input.currency, ['allocations', index, 'amount'], ctx);
        if (seen.has(allocation.invoiceId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['allocations', index, 'invoiceId'],
            message: 'the same invoice is listed twice',
          });
        }
        seen.add(allocation.invoiceId);
        allocated = allocated.add(money(allocation.amount, input.currency));
      });
      if (allocated.compare(money(input.amount, input.currency)) > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocations'],
          message: `allocations (${allocated}) exceed the payment (${input.amount})`,
        });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  );

/** Input of `payments.record`; see {@link RecordPaymentInputSchema}. */
export type RecordPaymentInput = z.input<typeof RecordPaymentInputSchema>;

/**
 * Records a payment received by hand (cash, cheque, bank transfer, a card charged elsewhere) and settles
 * invoices with it: the explicit `allocations` (each at most the invoice's `amountRemaining`), or else the
 * customer's open invoices in that currency, oldest due first. Full, partial and over-payments: an invoice
 * becomes `paid` when nothing remains on it, and what no invoice took (`unapplied`) becomes customer credit
 * (an `overpayment` balance entry), used by the next invoice's `creditApplied`. Subscriptions in dunning whose
 * overdue invoices are now settled become active again (`subscription.resumed`).
 * @throws BillingError `not_found` (customer, invoice), `currency_mismatch` (an allocated invoice in another
 * currency), `invalid_state` (allocating to an invoice that is not open or uncollectible), `invalid_input`.
 */
export async function recordPayment(ctx: EngineContext, input: RecordPaymentInput): Promise<Payment> {
  const { idempotencyKey, ...request } = validate(RecordPaymentInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `payments.record:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, (session, outbox) => settlePayment(ctx, session, outbox, request));
}

/** What {@link settlePayment} records: a validated `payments.record` input without its idempotency key. */
export type PaymentRequest = Omit<z.output<typeof RecordPaymentInputSchema>, 'idempotencyKey'>;

/**
 * The body of {@link recordPayment} inside the caller's transaction: locks the customer's ledger, plans the
 * allocations, writes the payment through {@link writePayment} and resumes the subscriptions it brings out of
 * dunning; notifications go to `outbox`. Reconciliation records a bank credit's payment and the credit's new state in
 * one transaction with it.
 * @internal
 */
export async function settlePayment(
  ctx: EngineContext,
  session: StorageSession,
  outbox: BillingNotification[],
  request: PaymentRequest,
): Promise<Payment> {
  await lockCustomerLedgers(session, [request.customerId]);
  const customer = await requireRecord(session.customers, request.customerId, 'customer', ['input', 'customerId']);
  const dunned = await lockDunnedSubscriptions(session, customer.id);
  const amount = money(request.amount, request.currency);
  const plan =
    request.allocations !== undefined
      ? await explicitPlan(session, request)
      : await automaticPlan(session, request, amount);
  const payment = await writePayment(
    session,
    ctx,
    plan,
    {
      customerId: customer.id,
      currency: request.currency,
      amount: amount.toString(),
      method: request.method,
      ...(request.reference !== undefined ? { reference: request.reference } : {}),
      receivedAt: request.receivedAt ?? ctx.clock.now().toISOString(),
      metadata: request.metadata,
    },
    outbox,
  );
  await resumeSettledSubscriptions(session, ctx, dunned, outbox);
  return payment;
}

/** A part of a payment planned for one invoice, checked against it under the customer's ledger lock. */
export interface Allocation {
  readonly invoice: Invoice;
  readonly amount: Money;
}

/** What {@link writePayment} stores besides what it computes (id, allocations, unapplied, status, version). */
export type PaymentFields = Omit<Payment, 'id' | 'allocations' | 'unapplied' | 'status' | 'amountRefunded' | 'version'>;

/**
 * Writes a received payment inside the caller's transaction, which holds the customer's ledger lock: applies the
 * `plan` to its invoices (`invoice.paid` for each settled), stores the payment, puts what no invoice took on the
 * balance (`overpayment`) and adds `payment.received` first in `outbox`.
 */
export async function writePayment(
  session: StorageSession,
  ctx: EngineContext,
  plan: readonly Allocation[],
  fields: PaymentFields,
  outbox: BillingNotification[],
): Promise<Payment> {
  const now = ctx.clock.now().toISOString();
  const allocations: PaymentAllocation[] = [];
  let allocated = money('0', fields.currency);
  for (const { invoice, amount: part } of plan) {
    const next = applyToInvoice(invoice, part, now);
    await session.invoices.update(next);
    allocations.push({ invoiceId: invoice.id, amount: part.toString() });
    allocated = allocated.add(part);
    if (next.status === 'paid')
      outbox.push({ type: 'invoice.paid', customerId: fields.customerId, invoiceId: invoice.id, occurredAt: now });
  }
  const amount = money(fields.amount, fields.currency);
  const unapplied = amount.subtract(allocated);
  const payment: Payment = {
    id: ctx.ids('pay'),
    ...fields,
    amount: amount.toString(),
    status: 'succeeded',
    allocations,
    unapplied: unapplied.toString(),
    amountRefunded: money('0', fields.currency).toString(),
    version: 1,
  };
  await session.payments.insert(payment);
  if (!unapplied.isZero()) {
    await recordBalanceEntry(session, ctx, {
      customerId: fields.customerId,
      currency: fields.currency,
      amount: unapplied.toString(),
      type: 'overpayment',
      referenceId: payment.id,
    });
  }
  outbox.unshift({ type: 'payment.received', customerId: fields.customerId, paymentId: payment.id, occurredAt: now });
  return payment;
}

/** The caller's allocations, each checked against its invoice. */
async function explicitPlan(session: StorageSession, request: PaymentRequest): Promise<Allocation[]> {
  const plan: Allocation[] = [];
  for (const [index, allocation] of (request.allocations ?? []).entries()) {
    const path = ['input', 'allocations', index];
    const invoice = await requireRecord(session.invoices, allocation.invoiceId, 'invoice', [...path, 'invoiceId']);
    if (invoice.customerId !== request.customerId) {
      throw new BillingError(
        BillingErrorCode.notFound,
        `Customer ${request.customerId} has no invoice "${invoice.id}"`,
        {
          path: [...path, 'invoiceId'],
        },
      );
    }
    if (invoice.currency !== request.currency) {
      throw new BillingError(
        BillingErrorCode.currencyMismatch,
        `Invoice ${invoice.id} is in ${invoice.currency}; a ${request.currency} payment cannot settle it`,
        { path: [...path, 'invoiceId'] },
      );
    }
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
      throw new BillingError(
        BillingErrorCode.invalidState,
        `Invoice ${invoice.id} is ${invoice.status}; only open or uncollectible invoices take payments`,
        {
          path: [...path, 'invoiceId'],
        },
      );
    }
    const amount = money(allocation.amount, request.currency);
    if (amount.compare(money(invoice.amountRemaining, invoice.currency)) > 0) {
      throw new BillingError(
        BillingErrorCode.invalidInput,
        `Only ${invoice.amountRemaining} remains on invoice ${invoice.id}`,
        {
          path: [...path, 'amount'],
        },
      );
    }
    plan.push({ invoice, amount });
  }
  return plan;
}

/** The customer's open invoices in the payment's currency, oldest due first, until the money runs out. */
async function automaticPlan(session: StorageSession, request: PaymentRequest, amount: Money): Promise<Allocation[]> {
  const open: Invoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.invoices.list({
      customerId: request.customerId,
      status: 'open',
      limit: 1000,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    open.push(...page.items.filter((invoice) => invoice.currency === request.currency));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const plan: Allocation[] = [];
  let left = amount;
  for (const invoice of open.sort(oldestDueFirst)) {
    if (left.isZero()) break;
    const remaining = money(invoice.amountRemaining, invoice.currency);
    if (remaining.isZero()) continue;
    const part = left.compare(remaining) < 0 ? left : remaining;
    plan.push({ invoice, amount: part });
    left = left.subtract(part);
  }
  return plan;
}
