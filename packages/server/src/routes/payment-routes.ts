import { IdSchema } from '@billfold/core';
import { z } from 'zod';
import { ConfirmPaymentInputSchema, PayInvoicesInputSchema, PaymentIntentViewSchema } from '../schemas/payment-views';
import { defineRoute, okJson } from './route-contract';

const paymentParams = z.strictObject({ paymentId: IdSchema });

/** Payments: paying open invoices through a gateway and finishing it after 3-D Secure or the provider's approval. */
export const paymentRoutes = {
  payInvoices: defineRoute({
    method: 'POST',
    path: '/payments',
    tag: 'payments',
    summary: 'Pay open invoices through a gateway',
    auth: 'session',
    permission: 'pay',
    state: 'planned',
    body: PayInvoicesInputSchema,
    idempotencyKey: 'required',
    changes: true,
    response: { kind: 'json', status: 201, schema: PaymentIntentViewSchema },
  }),
  confirmPayment: defineRoute({
    method: 'POST',
    path: '/payments/{paymentId}/confirm',
    tag: 'payments',
    summary: 'Finish a payment after 3-D Secure or the provider’s approval',
    auth: 'session',
    permission: 'pay',
    state: 'planned',
    params: paymentParams,
    owns: 'payment',
    body: ConfirmPaymentInputSchema,
    idempotencyKey: 'required',
    changes: true,
    response: okJson(PaymentIntentViewSchema),
  }),
} as const;
