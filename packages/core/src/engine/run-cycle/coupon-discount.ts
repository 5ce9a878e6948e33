import type { Coupon } from '../../domain/catalog';
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
 * invoice's.
 * @throws BillingError `currency_mismatch` for an amount-off coupon in another currency.
 */
export function couponDiscount(coupon: Coupon, currency: string): DraftDiscount {
  if (coupon.percentOff !== undefined) return { percentOff: coupon.percentOff };
  if (coupon.currency !== currency) {
    throw new BillingError(
      BillingErrorCode.currencyMismatch,
      `Coupon ${coupon.id} takes ${coupon.amountOff} ${coupon.currency} off; it cannot discount a ${currency} invoice`,
    );
  }
  return { amountOff: coupon.amountOff ?? '0' };
}
