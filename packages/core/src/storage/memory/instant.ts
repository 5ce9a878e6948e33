import { BillingError, BillingErrorCode } from '../../errors/billing-error';

/**
 * An instant given in a query, as the canonical ISO UTC text stored records use (`…T00:00:00.000Z`),
 * so plain string comparison orders it correctly against stored timestamps.
 * @throws BillingError `invalid_input` when `text` is not a date-time.
 * @internal
 */
export function normalizeInstant(text: string, field: string): string {
  const time = typeof text === 'string' ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new BillingError(BillingErrorCode.invalidInput, `${field} must be an ISO-8601 date-time`, { path: [field] });
  }
  return new Date(time).toISOString();
}
