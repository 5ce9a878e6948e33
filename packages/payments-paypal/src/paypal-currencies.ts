import { BillingError, BillingErrorCode } from '@billfold/core';
import { type ProviderCurrencyRule, toProviderDecimal } from '@billfold/core/payments';

/** Currencies PayPal's REST APIs take (developer.paypal.com/api/rest/reference/currency-codes). */
export const PAYPAL_CURRENCIES = [
  'AUD',
  'BRL',
  'CAD',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'HKD',
  'HUF',
  'ILS',
  'JPY',
  'MYR',
  'MXN',
  'TWD',
  'NZD',
  'NOK',
  'PHP',
  'PLN',
  'GBP',
  'SGD',
  'SEK',
  'CHF',
  'THB',
  'USD',
] as const;

/** Currencies PayPal takes without decimals ("this currency does not support decimals"). */
const NO_DECIMALS = new Set(['HUF', 'JPY', 'TWD']);

/** How PayPal writes `currency`: HUF, JPY and TWD whole, the others with two decimals. */
export function paypalCurrencyRule(currency: string): ProviderCurrencyRule {
  return { exponent: NO_DECIMALS.has(currency) ? 0 : 2 };
}

/** A decimal amount as PayPal's `{ currency_code, value }` (`"10.00"` EUR, `"1500"` JPY), exact or refused. */
export function toPaypalMoney(
  amount: string,
  currency: string,
  path: readonly (string | number)[],
): { currency_code: string; value: string } {
  if (!(PAYPAL_CURRENCIES as readonly string[]).includes(currency)) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${path.join('.')}: PayPal does not take ${currency}`,
      {
        path: [...path.slice(0, -1), 'currency'],
      },
    );
  }
  return {
    currency_code: currency,
    value: toProviderDecimal(amount, currency, paypalCurrencyRule(currency), 'PayPal', path),
  };
}

/** PayPal's `{ currency_code, value }` as a Billfold decimal string with the currency's ISO 4217 decimals. */
export function fromPaypalMoney(money: { currency_code: string; value: string }): { amount: string; currency: string } {
  const currency = money.currency_code;
  const [whole = '0', fraction = ''] = money.value.split('.');
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
  const padded = fraction.padEnd(digits, '0');
  return { amount: digits === 0 ? whole : `${whole}.${padded}`, currency };
}
