import type { z } from 'zod';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import type { Payment, Refund } from '../../domain/payment';
import { type PaymentAttempt, PaymentAttemptStatusSchema } from '../../domain/payment-attempt';
import type { GatewayEvent } from '../../payments/gateway-events';
import { createWebhookHandler } from '../../payments/webhook-handler';
import type { WebhookEventStore } from '../../payments/webhook-event-store';
import { type AppliedEvent, applyGatewayEvent } from '../online-payments/apply-gateway-event';
import { gatewayNamed } from '../online-payments/gateway-registry';
import {
  type AttemptProgress,
  confirmInvoicePayment,
  type PayInvoicesInput,
  payInvoices,
} from '../online-payments/pay-invoices';
import { validate } from '../../errors/validate';
import { billingTelemetry } from '../../telemetry/billing-telemetry';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { type RecordPaymentInput, recordPayment } from './record-payment';
import { type RefundPaymentInput, refundPayment } from './refund-payment';

/** Which payments to list. */
export const PaymentFilterSchema = PageRequestSchema.extend({ customerId: IdSchema.optional() }).strict();

/** Which payments to list; see {@link PaymentFilterSchema}. */
export type PaymentFilter = z.input<typeof PaymentFilterSchema>;

/** Which refunds to list. */
export const RefundFilterSchema = PageRequestSchema.extend({
  paymentId: IdSchema.optional(),
  customerId: IdSchema.optional(),
}).strict();

/** Which refunds to list; see {@link RefundFilterSchema}. */
export type RefundFilter = z.input<typeof RefundFilterSchema>;

/** Which payment attempts to list. */
export const PaymentAttemptFilterSchema = PageRequestSchema.extend({
  customerId: IdSchema.optional(),
  invoiceId: IdSchema.optional(),
  status: PaymentAttemptStatusSchema.optional(),
}).strict();

/** Which payment attempts to list; see {@link PaymentAttemptFilterSchema}. */
export type PaymentAttemptFilter = z.input<typeof PaymentAttemptFilterSchema>;

/** Options of {@link PaymentService.webhookHandler}. */
export interface GatewayWebhookOptions {
  /** Where deliveries and event ids are remembered (replays refused, duplicates acknowledged). */
  readonly store: WebhookEventStore;
  readonly rememberSeconds?: number;
}

/**
 * Payments: recorded by hand (cash, cheque, bank transfer, card paid elsewhere), their allocation to invoices, and
 * refunds; and, with gateways, payments taken online — the attempts of automatic charges and of the portal, paying
 * in the browser, and the gateways' webhooks applied to the ledger.
 */
export interface PaymentService {
  /** Records a payment and settles invoices; see `recordPayment`. */
  record(input: RecordPaymentInput): Promise<Payment>;
  /** Refunds (part of) a payment; see `refundPayment`. */
  refund(input: RefundPaymentInput): Promise<Refund>;
  /** @throws BillingError `not_found`. */
  get(paymentId: string): Promise<Payment>;
  /** Payments in id (recording) order. */
  list(filter?: PaymentFilter): Promise<Page<Payment>>;
  /** Refunds in id (time) order. */
  listRefunds(filter?: RefundFilter): Promise<Page<Refund>>;
  /** Attempts to charge invoices through gateways, in id (time) order. */
  listAttempts(filter?: PaymentAttemptFilter): Promise<Page<PaymentAttempt>>;
  /** The customer pays open invoices now through a gateway; see `payInvoices`. */
  payInvoices(input: PayInvoicesInput): Promise<AttemptProgress>;
  /** Finishes a payment after 3-D Secure or approval; see `confirmInvoicePayment`. */
  confirm(input: { customerId: string; attemptId: string }): Promise<AttemptProgress | undefined>;
  /** Applies a verified gateway event to the ledger, idempotently; see `applyGatewayEvent`. */
  applyGatewayEvent(event: GatewayEvent): Promise<AppliedEvent>;
  /**
   * A Web-standard webhook endpoint for one of the engine's gateways: verifies, refuses replays, acknowledges
   * duplicates, and applies each new event to the ledger before answering (one short transaction).
   * @example
   * ```ts
   * const stripeWebhooks = billing.payments.webhookHandler('stripe', { store: createMemoryWebhookEventStore() });
   * // Node: serve it with any Request → Response adapter; an edge runtime: export default { fetch: stripeWebhooks }
   * ```
   */
  webhookHandler(gateway: string, options: GatewayWebhookOptions): (request: Request) => Promise<Response>;
}

/** Creates the payment service over an engine context. */
export function createPaymentService(ctx: EngineContext): PaymentService {
  const telemetry = ctx.telemetry ?? billingTelemetry;
  const one = { items: () => 1 };
  return {
    record: (input) => telemetry.measure('payments', 'record', () => recordPayment(ctx, input), one),
    refund: (input) => telemetry.measure('payments', 'refund', () => refundPayment(ctx, input), one),
    async get(paymentId) {
      validate(IdSchema, paymentId, 'paymentId');
      return requireRecord(ctx.storage.payments, paymentId, 'payment', ['paymentId']);
    },
    list: async (filter) => ctx.storage.payments.list(validate(PaymentFilterSchema, filter ?? {}, 'filter')),
    listRefunds: async (filter) => ctx.storage.refunds.list(validate(RefundFilterSchema, filter ?? {}, 'filter')),
    listAttempts: async (filter) =>
      ctx.storage.paymentAttempts.list(validate(PaymentAttemptFilterSchema, filter ?? {}, 'filter')),
    payInvoices: (input) => payInvoices(ctx, input),
    confirm: (input) => confirmInvoicePayment(ctx, input),
    applyGatewayEvent: (event) => applyGatewayEvent(ctx, event),
    webhookHandler(gateway, options) {
      return createWebhookHandler({
        gateway: gatewayNamed(ctx, gateway),
        store: options.store,
        clock: ctx.clock,
        ...(options.rememberSeconds !== undefined ? { rememberSeconds: options.rememberSeconds } : {}),
        onEvent: async (event) => {
          await applyGatewayEvent(ctx, event);
        },
      });
    },
  };
}
