import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { currencyMinorUnits } from './currency';
import {
  DECIMAL_PATTERN,
  type Fixed,
  addFixed,
  compareFixed,
  formatFixed,
  mulFixed,
  parseFixed,
  roundFixed,
} from './fixed';
import type { RoundingMode } from './rounding-mode';

/** The JSON form of a {@link Money}: a decimal string in major units and its currency. */
export interface MoneyJSON {
  readonly amount: string;
  readonly currency: string;
}

/**
 * The longest decimal text {@link money} parses. Inputs are bounded far below it by the schemas
 * (`DECIMAL_INPUT_LIMITS`); this bound is for values read back from storage, such as a ledger balance summed over
 * many entries (or over entries stored before those limits existed), which must always parse.
 */
const MAX_DECIMAL_TEXT = 1000;

/**
 * Parses a decimal string argument, refusing numbers (floats are not exact) and malformed text.
 * @internal
 */
export function parseDecimalArgument(value: unknown, name: string): Fixed {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
  if (typeof value !== 'string' || value.length > MAX_DECIMAL_TEXT || !DECIMAL_PATTERN.test(value)) {
    const got = typeof value === 'number' ? `the number ${value}` : JSON.stringify(value);
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `${name} must be a decimal string such as "19.99" (got ${got}; floats cannot be exact)`,
      { path: [name] },
    );
  }
  return parseFixed(value);
}

/**
 * An exact, immutable amount of one currency. Arithmetic is exact (scaled BigInt); rounding happens
 * only when you call {@link Money.round}. Combining two currencies throws `currency_mismatch`.
 *
 * @example
 * ```ts
 * const net = money('19.99', 'EUR').multiply('3');      // 59.97 EUR
 * net.add(money('0.03', 'EUR')).toString();             // "60.00"
 * money('0.0004', 'USD').multiply('1234').round().toString(); // "0.49"
 * ```
 */
export class Money {
  /** ISO 4217 code. */
  readonly currency: string;
  /** Decimals of the currency's minor unit (USD 2, JPY 0, KWD 3). */
  readonly minorUnits: number;
  readonly #value: Fixed;

  /** @internal Use {@link money} to create one. */
  constructor(value: Fixed, currency: string, minorUnits: number) {
    this.#value = value;
    this.currency = currency;
    this.minorUnits = minorUnits;
    Object.freeze(this);
  }

  /** @internal The exact fixed-point value. */
  get fixed(): Fixed {
    return this.#value;
  }

  /** @internal A new amount of the same currency. */
  with(value: Fixed): Money {
    return new Money(value, this.currency, this.minorUnits);
  }

  #same(other: Money, operation: string): Fixed {
    if (!(other instanceof Money)) {
      throw new BillingError(
        BillingErrorCode.invalidInput,
        `${operation} expects a Money; create one with money("…", "${this.currency}")`,
      );
    }
    if (other.currency !== this.currency) {
      throw new BillingError(
        BillingErrorCode.currencyMismatch,
        `Cannot ${operation} ${other.currency} and ${this.currency}: convert to one currency first`,
      );
    }
    return other.#value;
  }

  /** This plus `other` (same currency), exactly. */
  add(other: Money): Money {
    return this.with(addFixed(this.#value, this.#same(other, 'add')));
  }

  /** This minus `other` (same currency), exactly. */
  subtract(other: Money): Money {
    const o = this.#same(other, 'subtract');
    return this.with(addFixed(this.#value, { units: -o.units, scale: o.scale }));
  }

  /** This times `factor`, exactly; `factor` is a decimal string (`"1.5"`) or a safe integer. */
  multiply(factor: string | number | bigint): Money {
    return this.with(mulFixed(this.#value, parseDecimalArgument(factor, 'factor')));
  }

  /** The same amount with the opposite sign. */
  negate(): Money {
    return this.with({ units: -this.#value.units, scale: this.#value.scale });
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other` (same currency). */
  compare(other: Money): -1 | 0 | 1 {
    return compareFixed(this.#value, this.#same(other, 'compare'));
  }

  /** Whether the amount is exactly zero. */
  isZero(): boolean {
    return this.#value.units === 0n;
  }

  /** Whether the amount is below zero. */
  isNegative(): boolean {
    return this.#value.units < 0n;
  }

  /**
   * Rounded to the currency's minor units (or to `scale` decimals) with `mode` (default `half-up`).
   * This is the only way an amount loses precision.
   */
  round(mode: RoundingMode = 'half-up', scale: number = this.minorUnits): Money {
    const rounded = roundFixed(this.#value, scale, mode);
    return rounded === this.#value ? this : this.with(rounded);
  }

  /** The decimal string in major units with at least the currency's decimals: `"5.48"`, `"100"` for JPY. */
  toString(): string {
    return formatFixed(this.#value, this.minorUnits);
  }

  /** `{ amount, currency }` with `amount` as in {@link Money.toString}. */
  toJSON(): MoneyJSON {
    return { amount: this.toString(), currency: this.currency };
  }
}

/**
 * Creates a {@link Money} from a decimal string in major units and an ISO 4217 currency code.
 * @throws BillingError `invalid_input` for a number or malformed string, `unknown_currency` for an unknown code.
 * @example
 * ```ts
 * money('19.99', 'EUR'); money('1500', 'JPY'); money('1.250', 'KWD');
 * ```
 */
export function money(amount: string, currency: string): Money {
  const value = parseDecimalArgument(amount, 'amount');
  if (typeof currency !== 'string') {
    throw new BillingError(BillingErrorCode.invalidInput, 'currency must be an ISO 4217 code such as "EUR"', {
      path: ['currency'],
    });
  }
  return new Money(value, currency, currencyMinorUnits(currency));
}
