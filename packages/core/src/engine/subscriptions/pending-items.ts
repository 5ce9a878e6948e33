import type { PendingLine, Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { oneTimeItem } from './one-time-item';
import {
  type AddPendingItemInput,
  AddPendingItemInputSchema,
  type RemovePendingItemInput,
  RemovePendingItemInputSchema,
} from './subscription-input';

/** The most lines a subscription holds for its next invoice. */
const MAX_PENDING = 100;

/** What `addPendingItem` did: the item added and the subscription holding it. */
export interface PendingItemResult {
  readonly item: PendingLine;
  readonly subscription: Subscription;
}

/**
 * Adds a one-time item (a `one_time` price at a quantity, or a described amount) to the subscription's next
 * invoice: the next billing boundary invoices it with the period's charges (taxed by its product's tax code,
 * discountable by the coupon unless `discountable: false`). Until then it is listed by `listPendingItems` and can be
 * removed. The subscription is locked under its customer's ledger lock. With an `idempotencyKey`, a retried request
 * returns the first result and adds nothing.
 * @throws BillingError `not_found`, `invalid_input`, `currency_mismatch` (a price without an amount in the
 * subscription's currency) or `invalid_state` (canceled, or 100 lines already waiting); nothing is stored.
 * @example
 * ```ts
 * const { item } = await addPendingItem(ctx, { subscriptionId: 'sub_1', priceId: 'price_router', quantity: '1' });
 * // item: { id: 'pii_…', kind: 'one_off', description: 'Router', amount: '99.00', … }
 * ```
 */
export async function addPendingItem(ctx: EngineContext, input: AddPendingItemInput): Promise<PendingItemResult> {
  const request = validate(AddPendingItemInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'addPendingItem', request, async (session, current) => {
    if (current.pendingLines.length >= MAX_PENDING) {
      throw new BillingError(
        BillingErrorCode.invalidState,
        `Subscription ${current.id} already has ${MAX_PENDING} lines waiting for its next invoice`,
        { path: ['input', 'subscriptionId'] },
      );
    }
    const customer = await requireRecord(session.customers, current.customerId, 'customer', [
      'input',
      'subscriptionId',
    ]);
    const { subscriptionId: _id, idempotencyKey: _key, ...fields } = request;
    const item = await oneTimeItem(session, ctx, fields, customer, current.currency, ['input']);
    const subscription = await storeUpdate(session, ctx, current, { pendingLines: [...current.pendingLines, item] });
    return { item, subscription };
  });
}

/** The one-time items waiting for the subscription's next invoice (proration lines are not items). */
export function pendingItemsOf(subscription: Subscription): PendingLine[] {
  return subscription.pendingLines.filter((line) => line.kind === 'one_off' && line.id !== undefined);
}

/**
 * Removes a one-time item before it is invoiced.
 * @throws BillingError `not_found` (no such item waiting: never added, removed, or already invoiced) or
 * `invalid_state` (canceled); nothing is stored then.
 */
export async function removePendingItem(ctx: EngineContext, input: RemovePendingItemInput): Promise<Subscription> {
  const request = validate(RemovePendingItemInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'removePendingItem', request, async (session, current) => {
    const kept = current.pendingLines.filter((line) => !(line.kind === 'one_off' && line.id === request.itemId));
    if (kept.length === current.pendingLines.length) {
      throw new BillingError(
        BillingErrorCode.notFound,
        `Subscription ${current.id} has no pending item "${request.itemId}" (already invoiced, or never added)`,
        { path: ['input', 'itemId'] },
      );
    }
    return storeUpdate(session, ctx, current, { pendingLines: kept });
  });
}
