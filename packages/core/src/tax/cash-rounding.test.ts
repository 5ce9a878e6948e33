import { describe, expect, it } from 'vitest';
import { money } from '../money/money';
import { cashRound } from './cash-rounding';

const round = (amount: string, currency: string, increment: string, roundingMode?: 'half-up' | 'half-even') => {
  const result = cashRound(money(amount, currency), increment, roundingMode ? { roundingMode } : undefined);
  return [result.total.toString(), result.roundingAmount.toString()];
};

describe('cashRound', () => {
  it('rounds Swiss francs to the nearest 0.05', () => {
    // 10.01 is 1 cent above 10.00 and 4 below 10.05; 10.09 is 1 below 10.10
    expect(round('10.01', 'CHF', '0.05')).toEqual(['10.00', '-0.01']);
    expect(round('10.09', 'CHF', '0.05')).toEqual(['10.10', '0.01']);
    expect(round('10.03', 'CHF', '0.05')).toEqual(['10.05', '0.02']);
    expect(round('10.05', 'CHF', '0.05')).toEqual(['10.05', '0.00']);
  });

  it('breaks a tie with the rounding mode', () => {
    // 10.05 is halfway between 10.0 and 10.1: half-up → 10.10, half-even → 10.00 (100 is even)
    expect(round('10.05', 'CHF', '0.1')).toEqual(['10.10', '0.05']);
    expect(round('10.05', 'CHF', '0.1', 'half-even')).toEqual(['10.00', '-0.05']);
  });

  it('works in currencies without decimals and accepts trailing zeros', () => {
    expect(round('1234', 'JPY', '10')).toEqual(['1230', '-4']);
    expect(round('10.01', 'CHF', '0.050')).toEqual(['10.00', '-0.01']);
  });

  it('refuses an increment that is not positive or finer than the minor unit', () => {
    for (const increment of ['0', '-0.05', '0.001', '0.5x']) {
      expect(() => cashRound(money('1.00', 'CHF'), increment)).toThrow(
        expect.objectContaining({ code: 'invalid_input', path: ['increment'] }),
      );
    }
  });
});
