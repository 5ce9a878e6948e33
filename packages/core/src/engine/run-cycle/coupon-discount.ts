import { type Coupon, CouponInputSchema } from '../../domain/catalog';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { DraftDiscount } from '../invoices/build-invoice';

/**
 * Whether a coupon still discounts an invoice after it has discounted `periodsUsed` invoices:
 * `once` the first, `repeating` the first `durationPeriods`, `forever` all.
 */
export function couponActive(coupon: Coupon, periodsUsed: number): boolean {
  switch (coupon.duration) {
    case 'once':
      return periodsUsed < 1;
    case 'repeating':
      return periodsUsed < (coupon.durationPeriods ?? 0);
    case 'forever':
      return true;
    default: {
      const never: never = coupon.duration;
      throw new Error(`unknown coupon duration ${String(never)}`);
    }
  }
}

/**
 * The invoice discount a coupon gives: its `percentOff`, or its `amountOff` when the coupon's currency is the
 * invoice's; on the lines of its products and prices only, when it is limited to them.
 * @throws BillingError `currency_mismatch` for an amount-off coupon in another currency.
 */
export function couponDiscount(coupon: Coupon, currency: string): DraftDiscount {
  const scope = coupon.appliesTo === undefined ? {} : { appliesTo: coupon.appliesTo };
  if (coupon.percentOff !== undefined) return { percentOff: coupon.percentOff, ...scope };
  if (coupon.currency !== currency) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `Coupon ${coupon.id} takes ${coupon.amountOff} ${coupon.currency} off; it cannot discount a ${currency} invoice`,
    );
  }
  return { amountOff: coupon.amountOff ?? '0', ...scope };
}

/**
 * The discount of a coupon about to be applied to a `currency` invoice, checked first: a coupon stored before
 * `coupons.create` refused bad values (a `percentOff` over 100, an amount finer than its currency) or one in
 * another currency is refused with the path of the input that named it.
 * @param path where the coupon came from (`["input", "couponId"]`).
 * @throws BillingError `invalid_input` or `currency_mismatch` at `path`.
 */
export function usableCouponDiscount(
  coupon: Coupon,
  currency: string,
  path: readonly (string | number)[],
): DraftDiscount {
  const { id: _id, ...fields } = coupon;
  const checked = CouponInputSchema.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Coupon ${coupon.id} cannot be applied: ${field} ${issue?.message ?? 'is invalid'}`,
      { path },
    );
  }
  if (coupon.amountOff !== undefined && coupon.currency !== currency) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `Coupon ${coupon.id} takes ${coupon.amountOff} ${coupon.currency} off; it cannot discount a ${currency} invoice`,
      { path },
    );
  }
  return couponDiscount(coupon, currency);
}
