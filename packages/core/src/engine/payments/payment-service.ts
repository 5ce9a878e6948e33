import type { z } from 'zod';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import type { Payment, Refund } from '../../domain/payment';
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

/** Payments recorded by hand, their allocation to invoices, and refunds. */
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
  };
}
