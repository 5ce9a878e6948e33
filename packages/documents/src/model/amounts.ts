import { money } from '@billfold/core';

/** `value` with at least the currency's decimals (`"5"` EUR → `"5.00"`, JPY → `"5"`). @internal */
export function currencyAmount(value: string, currency: string): string {
  return money(value, currency).toString();
}

/** The exact sum of decimal strings in one currency, with at least the currency's decimals. @internal */
export function sumAmounts(values: readonly string[], currency: string): string {
  let total = money('0', currency);
  for (const value of values) total = total.add(money(value, currency));
  return total.toString();
}

/** Whether two decimal strings are the same amount (`"5.0"` and `"5.00"`). @internal */
export function sameAmount(a: string, b: string, currency: string): boolean {
  return money(a, currency).compare(money(b, currency)) === 0;
}

/** `"5.00"` → `"-5.00"` and back: an amount shown as taken away (discounts, credits). @internal */
export function negated(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
