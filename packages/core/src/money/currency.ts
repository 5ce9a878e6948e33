import { BillingError, BillingErrorCode } from '../errors/billing-error';

const minorUnitCache = new Map<string, number>();
const knownCurrencies = new Set<string>();
let currencyNames: Intl.DisplayNames | undefined;

/** Whether `code` is an ISO 4217 currency code this runtime's `Intl` knows (e.g. `EUR`, `CLF`). */
export function isKnownCurrency(code: string): boolean {
  if (knownCurrencies.has(code)) return true;
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  currencyNames ??= new Intl.DisplayNames('en', { type: 'currency', fallback: 'none' });
  if (currencyNames.of(code) === undefined) return false;
  // Only known codes are remembered: at most the few hundred ISO 4217 codes.
  knownCurrencies.add(code);
  return true;
}

/**
 * The number of minor-unit decimals of an ISO 4217 currency, from `Intl` (USD 2, JPY 0, KWD 3, CLF 4).
 * @throws BillingError `unknown_currency` when the code is not a known ISO 4217 code.
 */
export function currencyMinorUnits(code: string): number {
  const cached = minorUnitCache.get(code);
  if (cached !== undefined) return cached;
  if (!isKnownCurrency(code)) {
    throw new BillingError(
      BillingErrorCode.unknownCurrency,
      `Unknown currency "${code}": use an ISO 4217 code such as "EUR".`,
    );
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits as number;
  minorUnitCache.set(code, digits);
  return digits;
}
