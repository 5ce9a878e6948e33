import { type Money, money } from '../money/money';

/**
 * Money summed under a key, per currency: `add(key, id, currency, amount)`, then `entries()`. For the list-based
 * report queries.
 * @internal
 */
export class Sums<K> {
  readonly #sums = new Map<string, { key: K; currency: string; amount: Money; count: number }>();

  add(key: K, id: string, currency: string, amount: string, count = 1): void {
    const entry = this.#sums.get(id) ?? { key, currency, amount: money('0', currency), count: 0 };
    entry.amount = entry.amount.add(money(amount, currency));
    entry.count += count;
    this.#sums.set(id, entry);
  }

  entries() {
    return [...this.#sums.values()];
  }
}
