/**
 * Periods: billing periods in the customer's time zone (month-end anchors clamp, DST keeps local time),
 * proration by the second, and the credit and debit lines of a mid-period plan change.
 * @module
 */
export { billingPeriods, BillingIntervalSchema, BillingPeriodsOptionsSchema, TimeZoneSchema } from './billing-periods';
export type { BillingInterval, BillingPeriodsOptions } from './billing-periods';
export { DateInputSchema, PeriodSchema } from './period';
export type { DateInput, Period, PeriodInput } from './period';
export { prorate, ProrateOptionsSchema } from './prorate';
export type { ProrateOptions } from './prorate';
export { planChange, PlanChangeSchema } from './plan-change';
export type { PlanChange, PlanChangeProration } from './plan-change';
