import type { BalanceTransaction, IdempotencyRecord, Payment, Refund } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/** A valid succeeded bank transfer of 10.00 EUR, not yet allocated, with `overrides` applied (set `customerId`). */
export function makePayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: nextId('pay'),
    customerId: nextId('cus'),
    currency: 'EUR',
    amount: '10.00',
    method: 'bank_transfer',
    status: 'succeeded',
    allocations: [],
    unapplied: '10.00',
    amountRefunded: '0.00',
    receivedAt: BUILDER_NOW,
    metadata: {},
    version: 1,
    ...overrides,
  };
}

/** A valid refund of 5.00 EUR, with `overrides` applied (set `paymentId`, `customerId`). */
export function makeRefund(overrides: Partial<Refund> = {}): Refund {
  return {
    id: nextId('re'),
    paymentId: nextId('pay'),
    customerId: nextId('cus'),
    currency: 'EUR',
    amount: '5.00',
    createdAt: BUILDER_NOW,
    ...overrides,
  };
}

/** A valid ledger entry crediting 5.00 EUR (an adjustment), with `overrides` applied (set `customerId`). */
export function makeBalanceTransaction(overrides: Partial<BalanceTransaction> = {}): BalanceTransaction {
  return {
    id: nextId('btx'),
    customerId: nextId('cus'),
    currency: 'EUR',
    amount: '5.00',
    type: 'adjustment',
    createdAt: BUILDER_NOW,
    ...overrides,
  };
}

/** A valid idempotency record with a small JSON response, with `overrides` applied. */
export function makeIdempotencyRecord(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    key: `payments.record:${nextId('key')}`,
    requestHash: 'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    response: { paymentId: 'pay_1', status: 'succeeded', amount: '10.00' },
    createdAt: BUILDER_NOW,
    ...overrides,
  };
}
