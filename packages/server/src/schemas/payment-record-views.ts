import { IdSchema, PaymentSchema, RefundSchema } from '@billfold/core';
import { ReceiptFormatSchema } from '@billfold/documents';
import { z } from 'zod';
import { CursorQuerySchema, LimitQuerySchema } from './page';

/** A payment as its customer sees it: amount, method, status, the invoices it paid, without the host's custom fields. */
export const PaymentViewSchema = PaymentSchema.omit({ metadata: true, version: true });

/** A payment as its customer sees it. */
export type PaymentView = z.infer<typeof PaymentViewSchema>;

/** A refund of a payment as its customer sees it. */
export const RefundViewSchema = RefundSchema;

/** `GET /payments/{paymentId}`: the payment and the refunds made on it, oldest first. */
export const PaymentDetailSchema = PaymentViewSchema.extend({ refunds: z.array(RefundViewSchema) });

/** `GET /payments` paging. */
export const PaymentListQuerySchema = z.strictObject({ limit: LimitQuerySchema, cursor: CursorQuerySchema });

/** The path of a payment's receipt: `/payments/{paymentId}/receipt/{format}` (`html`, `pdf` or `csv`). */
export const ReceiptParamsSchema = z.strictObject({ paymentId: IdSchema, format: ReceiptFormatSchema });
