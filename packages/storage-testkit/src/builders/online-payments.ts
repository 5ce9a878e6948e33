import type { CustomerPaymentMethod, PaymentAttempt } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid failed automatic charge of 119.00 EUR with its soft decline and a retry due now, with `overrides` applied
 * (set `customerId` and `invoiceId`; the idempotency key is unique per attempt).
 */
export function makePaymentAttempt(overrides: Partial<PaymentAttempt> = {}): PaymentAttempt {
  const id = overrides.id ?? nextId('att');
  return {
    id,
    customerId: nextId('cus'),
    invoiceId: nextId('inv'),
    gateway: 'stripe',
    attemptNumber: 1,
    trigger: 'automatic',
    status: 'failed',
    amount: '119.00',
    currency: 'EUR',
    idempotencyKey: `${id}:attempt:1`,
    paymentMethodId: nextId('pmt'),
    providerPaymentId: `pi_${id}`,
    chargeId: `ch_${id}`,
    decline: { code: 'insufficient_funds', message: 'Your card has insufficient funds.', kind: 'soft' },
    failedAt: BUILDER_NOW,
    dueAt: BUILDER_NOW,
    createdAt: BUILDER_NOW,
    updatedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}

/** A valid default Visa saved at Stripe, with `overrides` applied (set `customerId`; the token is unique). */
export function makePaymentMethod(overrides: Partial<CustomerPaymentMethod> = {}): CustomerPaymentMethod {
  const id = overrides.id ?? nextId('pmt');
  return {
    id,
    customerId: nextId('cus'),
    gateway: 'stripe',
    providerMethodId: `pm_${id}`,
    customerReference: 'cus_Q1stripe',
    type: 'card',
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
    isDefault: true,
    status: 'active',
    createdAt: BUILDER_NOW,
    updatedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}
