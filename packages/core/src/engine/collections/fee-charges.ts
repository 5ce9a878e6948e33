import type { CollectionFeeKind } from '../../domain/collection-fee';
import { addFixed, divFixed, formatFixed, mulFixed, parseFixed } from '../../money/fixed';
import { type Money, money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import type { CollectionsPolicy, ReminderFee } from './collections-policy';
import { daysBetween } from '../../periods/local-days';

const HUNDRED = { units: 100n, scale: 0 };

/** A past-due fee to charge: what the collections run bills and stores as a `CollectionFee`. */
export interface FeeCharge {
  readonly kind: CollectionFeeKind;
  /** Unique per overdue invoice: `reminder/2`, `interest/2026-02-15`, `compensation`. */
  readonly key: string;
  /** Net, rounded to the currency's minor unit. */
  readonly amount: Money;
  /** What the invoice still owed when the fee was computed. */
  readonly basis: Money;
  readonly reminderStep?: number;
  readonly annualRate?: string;
  readonly from?: string;
  readonly to?: string;
  readonly days?: number;
}

/** The policy's interest settings (when it charges interest). */
export type InterestPolicy = Exclude<CollectionsPolicy['interest'], false>;

/**
 * The fee of a reminder step: the fixed amount for the invoice's currency (none when the policy names no amount
 * for it) plus `percent` of what the invoice still owes, rounded once to the minor unit.
 * @example
 * ```ts
 * // Owed 1,000.00 EUR, fixed 10.00, 1.5 %: 10.00 + 1,000.00 × 1.5 / 100 = 10.00 + 15.00 = 25.00
 * reminderFeeCharge({ fixed: { EUR: '10.00' }, percent: '1.5' }, money('1000.00', 'EUR'), 2, 'half-up')?.amount; // 25.00
 * ```
 */
export function reminderFeeCharge(
  fee: ReminderFee,
  owed: Money,
  step: number,
  mode: RoundingMode,
): FeeCharge | undefined {
  const fixed = money(fee.fixed[owed.currency] ?? '0', owed.currency);
  const share = owed.with(divFixed(mulFixed(owed.fixed, parseFixed(fee.percent)), HUNDRED, owed.minorUnits, mode));
  const amount = fixed.add(share);
  if (amount.isZero()) return undefined;
  return { kind: 'reminder', key: `reminder/${step}`, amount, basis: owed, reminderStep: step };
}

/**
 * The annual interest rate of a customer in percent: the reference rate plus the business or consumer margin
 * (`"2.15"` + `"9"` = `"11.15"`). A customer with a tax id is a business.
 */
export function annualInterestRate(interest: InterestPolicy, business: boolean): string {
  const margin = business ? interest.margin.business : interest.margin.consumer;
  return formatFixed(addFixed(parseFixed(interest.referenceRate), parseFixed(margin)));
}

/**
 * Interest for the late days `from`–`to` (inclusive, the customer's calendar days) on what the invoice still owes:
 * `owed × rate / 100 × days / yearDays` (365, or 360 for `actual/360`), computed exactly and rounded once to the
 * minor unit. Nothing for a rate of zero or less, or an empty range.
 * @example
 * ```ts
 * // 1,000.00 EUR at 11.15 % a year for the 14 days 2026-02-15 … 2026-02-28:
 * // 1,000.00 × 11.15 × 14 / (100 × 365) = 156,100 / 36,500 = 4.2767… → 4.28
 * interestCharge(policy, '11.15', money('1000.00', 'EUR'), '2026-02-15', '2026-02-28', 'half-up')?.amount; // 4.28
 * ```
 */
export function interestCharge(
  interest: InterestPolicy,
  annualRate: string,
  owed: Money,
  from: string,
  to: string,
  mode: RoundingMode,
): FeeCharge | undefined {
  const days = daysBetween(from, to) + 1;
  const rate = parseFixed(annualRate);
  if (days < 1 || rate.units <= 0n) return undefined;
  const yearDays = BigInt(interest.dayCount === 'actual/360' ? 360 : 365);
  const numerator = mulFixed(mulFixed(owed.fixed, rate), { units: BigInt(days), scale: 0 });
  const amount = owed.with(divFixed(numerator, { units: 100n * yearDays, scale: 0 }, owed.minorUnits, mode));
  if (amount.isZero()) return undefined;
  return { kind: 'interest', key: `interest/${from}`, amount, basis: owed, annualRate, from, to, days };
}

/** The fixed compensation for recovery costs in the invoice's currency, once per invoice (business customers). */
export function compensationCharge(interest: InterestPolicy, owed: Money): FeeCharge | undefined {
  const amount = interest.compensation[owed.currency];
  if (amount === undefined || money(amount, owed.currency).isZero()) return undefined;
  return { kind: 'compensation', key: 'compensation', amount: money(amount, owed.currency), basis: owed };
}
