import { describe, expect, it } from 'vitest';
import { money } from '../money/money';
import { spreadDiscounts } from './discounts';

const eur = money('0', 'EUR');
const lines = (n: number, discountable = true) => Array.from({ length: n }, (_, i) => ({ id: `l${i}`, discountable }));

describe('spreadDiscounts', () => {
  it('spreads by largest remainder in proportion to what each line has left', () => {
    // 10% of 3.00 = 0.30 over 1.00 each: 10 + 10 + 10; then 1.00 off 2.70 left: 34 + 33 + 33
    const split = spreadDiscounts(
      [100n, 100n, 100n],
      lines(3),
      [{ percentOff: '10' }, { amountOff: '1.00' }],
      eur,
      'half-up',
    );
    expect(split).toEqual({ perLine: [44n, 43n, 43n], perDiscount: [30n, 100n] });
  });

  it('caps an amount at what is left and skips credit and non-discountable lines', () => {
    const split = spreadDiscounts(
      [500n, -200n, 300n],
      [
        { id: 'a', discountable: true },
        { id: 'b', discountable: true },
        { id: 'c', discountable: false },
      ],
      [{ amountOff: '9.99' }, { percentOff: '50' }],
      eur,
      'half-up',
    );
    expect(split).toEqual({ perLine: [500n, 0n, 0n], perDiscount: [500n, 0n] });
  });

  it('rounds a percentage once on the lines it applies to', () => {
    // 12.5% of (0.01 + 0.03) = 0.005: half-up 0.01 (to the larger rest), half-even 0.00
    const terms = [{ percentOff: '12.5', appliesTo: ['l1', 'l2'] }];
    expect(spreadDiscounts([100n, 1n, 3n], lines(3), terms, eur, 'half-up').perLine).toEqual([0n, 0n, 1n]);
    expect(spreadDiscounts([100n, 1n, 3n], lines(3), terms, eur, 'half-even').perLine).toEqual([0n, 0n, 0n]);
  });
});
