import type { Subscription } from '../../domain/subscription';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { usableCouponDiscount } from '../run-cycle/coupon-discount';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { type ApplyCouponInput, ApplyCouponInputSchema } from './subscription-input';

/**
 * Puts a coupon on a running subscription (replacing the one it had): it discounts the subscription's invoices from
 * the next one on, for its duration counted from there (`couponPeriodsUsed` starts again at 0). What was invoiced
 * already is not touched. A coupon limited to products or prices discounts only their lines.
 * @throws BillingError `not_found` (subscription, coupon), `invalid_input` (a coupon that cannot apply),
 * `currency_mismatch` (an amount off in another currency) or `invalid_state` (canceled); nothing is stored.
 * @example
 * ```ts
 * await applyCoupon(ctx, { subscriptionId: 'sub_1', couponId: 'coupon_winback' });
 * ```
 */
export async function applyCoupon(ctx: EngineContext, input: ApplyCouponInput): Promise<Subscription> {
  const request = validate(ApplyCouponInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'applyCoupon', request, async (session, current) => {
    const coupon = await requireRecord(session.coupons, request.couponId, 'coupon', ['input', 'couponId']);
    usableCouponDiscount(coupon, current.currency, ['input', 'couponId']);
    return storeUpdate(session, ctx, current, { couponId: coupon.id, couponPeriodsUsed: 0 });
  });
}
