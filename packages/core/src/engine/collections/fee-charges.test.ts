import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../money/money';
import { CollectionsPolicyInputSchema } from './collections-policy';
import {
  annualInterestRate,
  compensationCharge,
  type InterestPolicy,
  interestCharge,
  reminderFeeCharge,
} from './fee-charges';

const interest = (overrides: Partial<InterestPolicy> = {}): InterestPolicy => ({
  referenceRate: '2.15',
  margin: { business: '9', consumer: '5' },
  dayCount: 'actual/365',
  compensation: { EUR: '40.00' },
  ...overrides,
});

describe('past-due fees, worked by hand', () => {
  it('a reminder fee: fixed plus a percentage of what is still owed', () => {
    // 10.00 + 1,000.00 × 1.5 / 100 = 10.00 + 15.00 = 25.00
    const fee = reminderFeeCharge({ fixed: { EUR: '10.00' }, percent: '1.5' }, money('1000.00', 'EUR'), 3, 'half-up');
    expect(fee).toMatchObject({ kind: 'reminder', key: 'reminder/3', reminderStep: 3 });
    expect(fee?.amount.toString()).toBe('25.00');
    // 2.5 % of 333.33 = 8.33325 → 8.33; no fixed amount for USD: 8.33
    const usd = reminderFeeCharge({ fixed: { EUR: '10.00' }, percent: '2.5' }, money('333.33', 'USD'), 1, 'half-up');
    expect(usd?.amount.toString()).toBe('8.33');
    // JPY has no minor unit: 1.5 % of 12,345 = 185.175 → 185, plus 500 = 685
    const yen = reminderFeeCharge({ fixed: { JPY: '500' }, percent: '1.5' }, money('12345', 'JPY'), 2, 'half-up');
    expect(yen?.amount.toString()).toBe('685');
    // Nothing to charge: no fee.
    expect(reminderFeeCharge({ fixed: {}, percent: '0' }, money('100.00', 'EUR'), 1, 'half-up')).toBeUndefined();
  });

  it('statutory interest: (reference + margin) % a year, per day late, on what is owed', () => {
    // A business: 2.15 + 9 = 11.15 % a year; a consumer: 2.15 + 5 = 7.15 %.
    expect(annualInterestRate(interest(), true)).toBe('11.15');
    expect(annualInterestRate(interest(), false)).toBe('7.15');
    // 1,000.00 for 14 days (15–28 February 2026): 1,000.00 × 11.15 × 14 / (100 × 365) = 156,100 / 36,500 = 4.2767… → 4.28
    const charge = interestCharge(interest(), '11.15', money('1000.00', 'EUR'), '2026-02-15', '2026-02-28', 'half-up');
    expect(charge).toMatchObject({ key: 'interest/2026-02-15', days: 14, from: '2026-02-15', to: '2026-02-28' });
    expect(charge?.amount.toString()).toBe('4.28');
    // A leap-year February: 2028-02-01 … 2028-02-29 is 29 days: 2,500.00 × 7.15 × 29 / 36,500 = 518,375 / 36,500
    // = 14.2020… → 14.20
    const leap = interestCharge(interest(), '7.15', money('2500.00', 'EUR'), '2028-02-01', '2028-02-29', 'half-up');
    expect([leap?.days, leap?.amount.toString()]).toEqual([29, '14.20']);
    // actual/360: 1,000.00 × 11.15 × 14 / 36,000 = 156,100 / 36,000 = 4.3361… → 4.34
    const banker = interestCharge(
      interest({ dayCount: 'actual/360' }),
      '11.15',
      money('1000.00', 'EUR'),
      '2026-02-15',
      '2026-02-28',
      'half-up',
    );
    expect(banker?.amount.toString()).toBe('4.34');
    // A reference rate below zero can leave nothing to charge, and an empty range charges nothing.
    expect(
      interestCharge(interest(), '-0.5', money('1000.00', 'EUR'), '2026-02-15', '2026-02-28', 'half-up'),
    ).toBeUndefined();
    expect(
      interestCharge(interest(), '11.15', money('1000.00', 'EUR'), '2026-02-15', '2026-02-14', 'half-up'),
    ).toBeUndefined();
  });

  it('the fixed compensation in the invoice currency, when the policy names one', () => {
    expect(compensationCharge(interest(), money('1.00', 'EUR'))?.amount.toString()).toBe('40.00');
    expect(compensationCharge(interest(), money('1.00', 'USD'))).toBeUndefined();
  });

  it('interest over consecutive ranges adds up to the interest over the whole, within rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 2000 }),
        (cents, first, second, basisPoints) => {
          const owed = money((cents / 100).toFixed(2), 'EUR');
          const rate = (basisPoints / 100).toFixed(2);
          const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
          const part = (from: number, to: number) =>
            interestCharge(interest(), rate, owed, day(from), day(to), 'half-up')?.amount ?? money('0', 'EUR');
          const whole = part(0, first + second - 1);
          const split = part(0, first - 1).add(part(first, first + second - 1));
          const gap = whole.subtract(split);
          // Two roundings against one: at most one cent apart.
          expect(gap.compare(money('0.01', 'EUR')) <= 0 && gap.compare(money('-0.01', 'EUR')) >= 0).toBe(true);
          // Exactly: owed × rate × days / 36,500, half-up (checked with integer arithmetic in cents).
          const exact = BigInt(cents) * BigInt(basisPoints) * BigInt(first + second);
          const denominator = 36_500n * 100n;
          const rounded = (exact * 2n + denominator) / (2n * denominator);
          expect(whole.toString()).toBe(money((Number(rounded) / 100).toFixed(2), 'EUR').toString());
        },
      ),
    );
  });

  it('the policy refuses what cannot work, with the path of the bad field', () => {
    const issues = (input: unknown) =>
      CollectionsPolicyInputSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues({ reminders: { steps: [{ days: 7 }, { days: 0 }] } })).toEqual([
      ['reminders.steps.1.days', 'steps must come in increasing days'],
    ]);
    expect(issues({ fees: { billing: 'next_invoice' } })?.[0]?.[0]).toBe('fees.taxable');
    expect(issues({ dunning: { pastDueAfterDays: 5, suspendAfterDays: 2 } })?.[0]?.[0]).toBe(
      'dunning.suspendAfterDays',
    );
    expect(issues({ reminders: { steps: [{ days: 1, fee: { fixed: { EUR: '10.001' } } }] } })?.[0]?.[0]).toBe(
      'reminders.steps.0.fee.fixed.EUR',
    );
    expect(issues({ interest: { referenceRate: '2', margin: { business: '101', consumer: '5' } } })?.[0]?.[0]).toBe(
      'interest.margin.business',
    );
    expect(issues({ reminders: { steps: [], repeat: { everyDays: 7, max: 3 } } })?.[0]?.[0]).toBe('reminders.repeat');
    expect(issues({})).toBeUndefined();
  });
});
