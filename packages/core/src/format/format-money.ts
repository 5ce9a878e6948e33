import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { Money } from '../money/money';

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats an amount for people with `Intl.NumberFormat`: the currency's sign and decimals in the
 * locale's style. The exact decimal string is passed to `Intl` (never a float), so large and
 * sub-minor amounts print exactly (`0.0004` USD shows as `$0.0004`).
 *
 * @example
 * ```ts
 * formatMoney(money('1234.5', 'EUR'), 'de-DE'); // "1.234,50 €"
 * formatMoney(money('1500', 'JPY'), 'en-US');   // "¥1,500"
 * ```
 */
export function formatMoney(amount: Money, locale: string | readonly string[] = 'en-US'): string {
  if (!(amount instanceof Money)) {
    throw new BillingError(BillingErrorCode.invalidInput, 'formatMoney expects a Money', { path: ['amount'] });
  }
  const text = amount.toString();
  const dot = text.indexOf('.');
  const decimals = Math.max(amount.minorUnits, dot < 0 ? 0 : text.length - dot - 1);
  const key = `${String(locale)}|${amount.currency}|${decimals}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.NumberFormat(locale as string | string[], {
        style: 'currency',
        currency: amount.currency,
        minimumFractionDigits: amount.minorUnits,
        maximumFractionDigits: decimals,
      });
    } catch (error) {
      throw new BillingError(BillingErrorCode.invalidInput, `Invalid locale ${JSON.stringify(locale)}`, {
        path: ['locale'],
        cause: error,
      });
    }
    formatters.set(key, formatter);
  }
  // Intl.NumberFormat v3 formats a numeric string exactly; the cast is for older lib typings.
  return formatter.format(text as unknown as number);
}
