import { type Money, money } from '@billfold/core';

/** Sums of money kept apart per currency (amounts of different currencies are never added together). */
export class CurrencyTotals {
  readonly #sums = new Map<string, Money>();

  /** Adds a decimal string amount in `currency`; returns this, for chaining. */
  add(currency: string, amount: string): this {
    const sum = this.#sums.get(currency) ?? money('0', currency);
    this.#sums.set(currency, sum.add(money(amount, currency)));
    return this;
  }

  /** The sum in one currency as a decimal string (`"0.00"` when nothing was added). */
  get(currency: string): string {
    return (this.#sums.get(currency) ?? money('0', currency)).toString();
  }

  /** Whether nothing has been added. */
  get isEmpty(): boolean {
    return this.#sums.size === 0;
  }

  /** The sums as `{ EUR: "12.50", USD: "3.00" }`, currencies in alphabetical order. */
  toRecord(): Record<string, string> {
    return Object.fromEntries([...this.#sums.keys()].sort().map((currency) => [currency, this.get(currency)] as const));
  }
}
