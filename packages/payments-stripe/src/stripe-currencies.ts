import { fromProviderMinorUnits, type ProviderCurrencyRule, toProviderMinorUnits } from '@billfold/core/payments';

/** Stripe's zero-decimal currencies: amounts in whole units (docs.stripe.com/currencies#zero-decimal). */
const ZERO_DECIMAL = new Set('BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));

/** Three-decimal currencies: thousandths, and the last digit must be 0 (docs.stripe.com/currencies#three-decimal). */
const THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));

/**
 * How Stripe counts `currency`: zero-decimal currencies in whole units, three-decimal ones in thousandths in steps of
 * ten, ISK in hundredths but whole krónur only (special case since 2023), everything else in hundredths.
 */
export function stripeCurrencyRule(currency: string): ProviderCurrencyRule {
  if (ZERO_DECIMAL.has(currency)) return { exponent: 0 };
  if (THREE_DECIMAL.has(currency)) return { exponent: 3, step: 10n };
  if (currency === 'ISK') return { exponent: 2, step: 100n };
  return { exponent: 2 };
}

/** A decimal amount as Stripe's integer `amount` (`"19.99"` EUR → 1999, `"1500"` JPY → 1500, `"5.12"` KWD → 5120). */
export function toStripeAmount(amount: string, currency: string, path: readonly (string | number)[]): number {
  return Number(toProviderMinorUnits(amount, currency, stripeCurrencyRule(currency), 'Stripe', path));
}

/** Stripe's integer amount in its (lower-case) currency as a Billfold decimal string and ISO code. */
export function fromStripeAmount(amount: number, stripeCurrency: string): { amount: string; currency: string } {
  const currency = stripeCurrency.toUpperCase();
  return { amount: fromProviderMinorUnits(amount, currency, stripeCurrencyRule(currency), 'Stripe'), currency };
}
