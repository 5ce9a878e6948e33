import { formatMoney, money } from '@billfold/core';
import type { DocumentMessages } from '../messages/document-messages';

/** Formats a document's values for people in one locale, time zone and currency. @internal */
export interface Localizer {
  readonly locale: string;
  readonly messages: DocumentMessages;
  /** `"€1,234.50"` / `"1.234,50 €"`. */
  money(amount: string): string;
  /** A day in the document's time zone, long style (`"9 January 2026"`). */
  date(timestamp: string): string;
  /** A quantity with the locale's separators, every decimal kept. */
  quantity(value: string): string;
  /** A percentage (`"19%"`, `"19 %"`, `"9.975%"`). */
  percent(value: string): string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, create: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = create();
    if (cache.size > 500) cache.clear();
    cache.set(key, formatter);
  }
  return formatter;
}

/** `"19"` → `"0.19"`: a percentage as a fraction, shifted exactly in the string. */
function percentToFraction(value: string): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = whole.padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}${fraction}`;
}

/** A {@link Localizer}; formatters are cached across renders. @internal */
export function createLocalizer(
  locale: string,
  timeZone: string,
  currency: string,
  messages: DocumentMessages,
): Localizer {
  const dates = cached(
    `d|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }),
  );
  const quantities = cached(`q|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }));
  const percents = cached(
    `p|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 10 }),
  );
  // Intl.NumberFormat formats numeric strings exactly; the casts are for older lib typings.
  return {
    locale,
    messages,
    money: (amount) => formatMoney(money(amount, currency), locale),
    date: (timestamp) => dates.format(new Date(timestamp)),
    quantity: (value) => quantities.format(value as unknown as number),
    percent: (value) => percents.format(percentToFraction(value) as unknown as number),
  };
}

/** The calendar day of `timestamp` in `timeZone` as `YYYY-MM-DD`. @internal */
export function isoDay(timestamp: string, timeZone: string): string {
  if (timeZone === 'UTC') return timestamp.slice(0, 10);
  const parts = cached(
    `iso|${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(new Date(timestamp));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
