import { IdSchema } from '@billfold/core';
import { z } from 'zod';
import { ACCOUNT_DOCUMENT_MEDIA_TYPES } from '../schemas/document-views';
import { pageOf } from '../schemas/page';
import {
  PaymentDetailSchema,
  PaymentListQuerySchema,
  PaymentViewSchema,
  ReceiptParamsSchema,
} from '../schemas/payment-record-views';
import { ConfirmPaymentInputSchema, PayInvoicesInputSchema, PaymentIntentViewSchema } from '../schemas/payment-views';
import { defineRoute, okJson } from './route-contract';

const paymentParams = z.strictObject({ paymentId: IdSchema });

/**
 * Payments: those received from the customer with their receipts, and paying open invoices through a gateway
 * (finished after 3-D Secure or the provider's approval).
 */
export const paymentRoutes = {
  listPayments: defineRoute({
    method: 'GET',
    path: '/payments',
    tag: 'payments',
    summary: 'Payments received, oldest first',
    auth: 'session',
    permission: 'read',
    state: 'live',
    query: PaymentListQuerySchema,
    response: okJson(pageOf(PaymentViewSchema)),
  }),
  getPayment: defineRoute({
    method: 'GET',
    path: '/payments/{paymentId}',
    tag: 'payments',
    summary: 'One payment: the invoices it paid and its refunds',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: paymentParams,
    owns: 'payment',
    response: okJson(PaymentDetailSchema),
  }),
  getPaymentReceipt: defineRoute({
    method: 'GET',
    path: '/payments/{paymentId}/receipt/{format}',
    tag: 'payments',
    summary: 'The receipt of a payment as PDF, HTML or CSV',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: ReceiptParamsSchema,
    owns: 'payment',
    response: { kind: 'file', mediaTypes: ACCOUNT_DOCUMENT_MEDIA_TYPES },
  }),
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
