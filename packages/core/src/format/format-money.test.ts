import { describe, expect, it } from 'vitest';
import { money } from '../money/money';
import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it('formats in the locale style with the currency decimals', () => {
    expect(formatMoney(money('1234.5', 'EUR'), 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(money('1234.5', 'USD'), 'en-US')).toBe('$1,234.50');
    expect(formatMoney(money('1500', 'JPY'), 'en-US')).toBe('¥1,500');
    expect(formatMoney(money('1.5', 'KWD'), 'en-US')).toBe('KWD\u00a01.500');
  });

  it('prints sub-minor and very large amounts exactly (no float on the way)', () => {
    expect(formatMoney(money('0.0004', 'USD'), 'en-US')).toBe('$0.0004');
    expect(formatMoney(money('90071992547409931.01', 'USD'), 'en-US')).toBe('$90,071,992,547,409,931.01');
    expect(formatMoney(money('-5', 'EUR'), 'en-US')).toBe('-€5.00');
  });

  it('rejects a bad locale with a BillingError', () => {
    expect(() => formatMoney(money('1', 'EUR'), 'not a locale!')).toThrow(/Invalid locale/);
  });
});
