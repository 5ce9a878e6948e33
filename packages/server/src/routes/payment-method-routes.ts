import { IdSchema } from '@billfold/core';
import { z } from 'zod';
import {
  PaymentMethodSetupInputSchema,
  PaymentMethodSetupViewSchema,
  PaymentMethodViewSchema,
} from '../schemas/payment-views';
import { defineRoute, okJson } from './route-contract';

const paymentMethodParams = z.strictObject({ paymentMethodId: IdSchema });

/** Saved payment methods: list, add through the provider's setup flow, make one the default, remove. */
export const paymentMethodRoutes = {
  listPaymentMethods: defineRoute({
    method: 'GET',
    path: '/payment-methods',
    tag: 'payment methods',
    summary: 'Saved payment methods',
    auth: 'session',
    permission: 'read',
    state: 'planned',
    response: okJson(z.object({ items: z.array(PaymentMethodViewSchema) })),
  }),
  setupPaymentMethod: defineRoute({
    method: 'POST',
    path: '/payment-methods/setup',
    tag: 'payment methods',
    summary: 'Start the provider’s flow that saves a payment method',
    auth: 'session',
    permission: 'manage_payment_methods',
    state: 'planned',
    body: PaymentMethodSetupInputSchema,
    idempotencyKey: 'required',
    changes: true,
    response: { kind: 'json', status: 201, schema: PaymentMethodSetupViewSchema },
  }),
  setDefaultPaymentMethod: defineRoute({
    method: 'POST',
    path: '/payment-methods/{paymentMethodId}/default',
    tag: 'payment methods',
    summary: 'Make a saved payment method the default',
    auth: 'session',
    permission: 'manage_payment_methods',
    state: 'planned',
    params: paymentMethodParams,
    owns: 'paymentMethod',
    changes: true,
    response: okJson(PaymentMethodViewSchema),
  }),
  removePaymentMethod: defineRoute({
    method: 'DELETE',
    path: '/payment-methods/{paymentMethodId}',
    tag: 'payment methods',
    summary: 'Remove a saved payment method',
    auth: 'session',
    permission: 'manage_payment_methods',
    state: 'planned',
    params: paymentMethodParams,
    owns: 'paymentMethod',
    changes: true,
    response: { kind: 'empty' },
  }),
} as const;
