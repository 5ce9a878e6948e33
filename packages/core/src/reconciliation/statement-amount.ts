import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { currencyMinorUnits, isKnownCurrency } from '../money/currency';
import { money } from '../money/money';

/** An `invalid_input` error about one place in a statement file: `path` names it, `where` says it in words. */
export function statementError(path: readonly (string | number)[], where: string, message: string): BillingError {
  return new BillingError(BillingErrorCode.invalidInput, `${where}: ${message}`, { issues: [{ path, message }] });
}

/** Checks a currency code from a statement. */
export function statementCurrency(code: string, path: readonly (string | number)[], where: string): string {
  if (!isKnownCurrency(code)) throw statementError(path, where, `unknown currency "${code}"`);
  return code;
}

/**
 * A non-negative amount in plain decimal notation (`"105678.50"`, `"+5"`, `".5"`, `"007.10"`) as a canonical
 * decimal string with at least the currency's decimals (`"105678.50"`, `"0.50"`, `"7.10"`).
 * @throws BillingError `invalid_input` for anything else, or an amount finer than the currency's minor unit.
 */
export function statementAmount(
  text: string,
  currency: string,
  path: readonly (string | number)[],
  where: string,
): string {
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  const whole = match?.[1] ?? '';
  const fraction = match?.[2] ?? '';
  if (match === null || (whole === '' && fraction === '') || whole.length + fraction.length > 30) {
    throw statementError(path, where, `"${text}" is not an amount (expected digits with an optional "." part)`);
  }
  const decimals = currencyMinorUnits(currency);
  const extra = fraction.slice(decimals);
  if (/[1-9]/.test(extra)) {
    throw statementError(path, where, `${text} ${currency} is finer than the currency's ${decimals} decimals`);
  }
  const canonical = `${whole.replace(/^0+(?=\d)/, '') || '0'}${fraction === '' ? '' : `.${fraction}`}`;
  return money(canonical, currency).round('down', decimals).toString();
}
