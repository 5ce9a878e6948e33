import type { CollectionFee, OutboxEntry } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid pending outbox entry of a `payment.received` notification, due now, with `overrides` applied (set
 * `customerId`; its dedupe key is unique per entry).
 */
export function makeOutboxEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const id = overrides.id ?? nextId('ntf');
  const customerId = overrides.customerId ?? nextId('cus');
  const dedupeKey = overrides.dedupeKey ?? `payment.received/pay_of_${id}`;
  return {
    id,
    customerId,
    type: 'payment.received',
    dedupeKey,
    notification: {
      type: 'payment.received',
      customerId,
      paymentId: `pay_of_${id}`,
      occurredAt: BUILDER_NOW,
      dedupeKey,
    },
    status: 'pending',
    attempts: 0,
    nextAttemptAt: BUILDER_NOW,
    createdAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}

/**
 * A valid reminder fee of 25.00 EUR charged on its own invoice, with `overrides` applied (set `customerId` and
 * `invoiceId`; the key is `reminder/3`, unique per invoice).
 */
export function makeCollectionFee(overrides: Partial<CollectionFee> = {}): CollectionFee {
  return {
    id: nextId('fee'),
    customerId: nextId('cus'),
    invoiceId: nextId('inv'),
    kind: 'reminder',
    key: 'reminder/3',
    currency: 'EUR',
    amount: '25.00',
    basis: '1000.00',
    reminderStep: 3,
    feeInvoiceId: nextId('inv'),
    invoiceLineId: nextId('il'),
    status: 'charged',
    createdAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}
