import type { Subscription, UsageEvent } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid active monthly subscription with one item, billed next on 2026-02-15, with `overrides` applied
 * (set `customerId`).
 */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: nextId('sub'),
    customerId: nextId('cus'),
    currency: 'EUR',
    status: 'active',
    items: [{ id: nextId('si'), priceId: nextId('price'), quantity: '1' }],
    interval: 'month',
    intervalCount: 1,
    anchor: BUILDER_NOW,
    currentPeriodStart: BUILDER_NOW,
    currentPeriodEnd: '2026-02-15T10:00:00.000Z',
    nextBillingAt: '2026-02-15T10:00:00.000Z',
    cancelAtPeriodEnd: false,
    couponPeriodsUsed: 0,
    pendingLines: [],
    metadata: {},
    createdAt: BUILDER_NOW,
    updatedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}

/** A valid `api_call` usage event with no properties, with `overrides` applied (set `subscriptionId`). */
export function makeUsageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: nextId('evt'),
    customerId: nextId('cus'),
    eventName: 'api_call',
    timestamp: BUILDER_NOW,
    properties: {},
    ...overrides,
  };
}
