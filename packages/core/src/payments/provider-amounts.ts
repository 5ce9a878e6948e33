import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { formatFixed, pow10, rescale } from '../money/fixed';
import { money } from '../money/money';

/**
 * How a provider writes amounts of one currency, where it differs from ISO 4217: Stripe counts ISK in hundredths
 * but charges whole krónur only (`step` 100), counts KWD in thousandths but only in steps of ten; PayPal takes JPY,
 * HUF and TWD without decimals.
 */
export interface ProviderCurrencyRule {
  /** Decimals of the provider's minor unit for the currency (Stripe: JPY 0, EUR 2, KWD 3, ISK 2). */
  readonly exponent: number;
  /** Every amount must be a multiple of this many minor units (Stripe: KWD 10, ISK 100). Default 1. */
  readonly step?: bigint;
}

/**
 * An exact decimal amount in major units as a whole number of the provider's minor units: `"19.99"` EUR → 1999n,
 * `"1500"` JPY → 1500n, `"1.250"` KWD → 1250n at Stripe. Never rounds: an amount the provider cannot take exactly
 * is refused (`invalid_input` at `path`), so a customer is never charged a different amount than invoiced.
 * @param providerName Names the provider in the error message.
 * @example
 * ```ts
 * toProviderMinorUnits('5.12', 'KWD', { exponent: 3, step: 10n }, 'Stripe', ['amount']); // 5120n
 * toProviderMinorUnits('5.124', 'KWD', { exponent: 3, step: 10n }, 'Stripe', ['amount']); // throws invalid_input
 * ```
 */
export function toProviderMinorUnits(
  amount: string,
  currency: string,
  rule: ProviderCurrencyRule,
  providerName: string,
  path: readonly (string | number)[],
): bigint {
  const value = money(amount, currency).fixed;
  const step = rule.step ?? 1n;
  const exact = value.scale <= rule.exponent || value.units % pow10(value.scale - rule.exponent) === 0n;
  const units = exact
    ? value.scale <= rule.exponent
      ? rescale(value, rule.exponent)
      : value.units / pow10(value.scale - rule.exponent)
    : 0n;
  if (!exact || units % step !== 0n) {
    const granularity = formatFixed({ units: step, scale: rule.exponent }, rule.exponent);
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid ${path.join('.')}: ${providerName} charges ${currency} in steps of ${granularity}; ${amount} is not one`,
      { path },
    );
  }
  return units;
}

/**
 * A count of the provider's minor units as a decimal string in major units, written with the currency's ISO 4217
 * decimals: 1999 EUR → `"19.99"`, 1500 JPY → `"1500"`, 1250 KWD → `"1.250"`, Stripe's 50000 ISK → `"500"`.
 * @throws BillingError `gateway_rejected` when the provider sent something that is not a safe integer.
 */
export function fromProviderMinorUnits(
  units: number | bigint,
  currency: string,
  rule: ProviderCurrencyRule,
  providerName: string,
): string {
  if (typeof units === 'number' && !Number.isSafeInteger(units)) {
    throw new BillingError(BillingErrorCode.gatewayRejected, `${providerName} sent an amount that is not an integer`, {
      gateway: { gateway: providerName.toLowerCase(), retryable: false, outcomeUnknown: false },
    });
  }
  const text = formatFixed({ units: BigInt(units), scale: rule.exponent });
  return money(text, currency).toString();
}

/**
 * An exact decimal amount as the decimal string a provider that takes decimal text expects (PayPal's
 * `amount.value`): exactly `rule.exponent` decimals (`"10.00"` EUR, `"1500"` JPY), refused when not exact.
 */
export function toProviderDecimal(
  amount: string,
  currency: string,
  rule: ProviderCurrencyRule,
  providerName: string,
  path: readonly (string | number)[],
): string {
  const units = toProviderMinorUnits(amount, currency, rule, providerName, path);
  return formatFixed({ units, scale: rule.exponent }, rule.exponent);
}
