/** How a currency is named next to an amount: `€`, `EUR`, `euros` or the narrow `€` (Intl's `currencyDisplay`). */
export type CurrencyDisplay = 'symbol' | 'narrowSymbol' | 'code' | 'name';

/**
 * Money, numbers and dates for people, through `Intl` in one locale and time zone. Amounts arrive as the portal's
 * exact decimal strings and go to `Intl.NumberFormat` as strings, never through a float, so `0.0004` USD and
 * amounts beyond 2^53 print exactly. Formatters are made once per currency and decimals.
 */
export class BillingFormat {
  readonly #money = new Map<string, Intl.NumberFormat>();
  readonly #date: Intl.DateTimeFormat;
  readonly #dateTime: Intl.DateTimeFormat;
  readonly #number: Intl.NumberFormat;

  constructor(
    readonly locale: string,
    readonly timeZone: string | undefined,
    readonly currencyDisplay: CurrencyDisplay = 'symbol',
  ) {
    const zone = timeZone === undefined ? {} : { timeZone };
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
    this.#dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
    this.#number = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  }

  /** `"1234.5"`, `"EUR"` → `1.234,50 €` in `de-DE`: the currency's decimals at least, more when the amount has them. */
  money(amount: string, currency: string): string {
    const dot = amount.indexOf('.');
    const decimals = dot < 0 ? 0 : amount.length - dot - 1;
    const key = `${currency}|${decimals}`;
    let formatter = this.#money.get(key);
    if (formatter === undefined) {
      const base = { style: 'currency', currency, currencyDisplay: this.currencyDisplay } as const;
      const minorUnits = new Intl.NumberFormat('en', base).resolvedOptions().maximumFractionDigits ?? 2;
      formatter = new Intl.NumberFormat(this.locale, {
        ...base,
        minimumFractionDigits: minorUnits,
        maximumFractionDigits: Math.max(minorUnits, decimals),
      });
      this.#money.set(key, formatter);
    }
    // Intl.NumberFormat v3 formats a numeric string exactly; the cast is for older lib typings.
    return formatter.format(amount as unknown as number);
  }

  /** A quantity (`"12.5"` GB) in the locale's digits and separators, exactly. */
  number(quantity: string): string {
    return this.#number.format(quantity as unknown as number);
  }

  /** A calendar date in the customer's time zone: `5 Feb 2026`. */
  date(instant: string): string {
    return this.#date.format(new Date(instant));
  }

  /** A date and time in the customer's time zone. */
  dateTime(instant: string): string {
    return this.#dateTime.format(new Date(instant));
  }

  /** A period from one instant to another, as dates (the end is exclusive, so its previous day is shown). */
  period(from: string, to: string): string {
    return this.#date.formatRange(new Date(from), new Date(Date.parse(to) - 1));
  }
}
