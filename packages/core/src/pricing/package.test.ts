import { describe, expect, it } from 'vitest';
import type { PackagePrice } from './price-schema';
import { rate } from './rate';

// €5 per package of 100 API calls.
const up: PackagePrice = { model: 'package', currency: 'EUR', packageAmount: '5', packageSize: '100', round: 'up' };
const down: PackagePrice = { ...up, round: 'down' };

describe('package', () => {
  it('counts a started package with round: "up"', () => {
    // 250 calls → 2.5 packages → 3 started → 3 × 5 = 15
    expect(rate(up, '250')).toEqual({
      amount: '15.00',
      currency: 'EUR',
      unroundedAmount: '15.00',
      adjustment: null,
      tiers: [{ index: 0, from: '0', upTo: null, quantity: '3', unitAmount: '5', flatAmount: '0', amount: '15.00' }],
    });
    // 1 call → 1 started package
    expect(rate(up, '1').amount).toBe('5.00');
    // 0 calls → no package
    expect(rate(up, '0').amount).toBe('0.00');
  });

  it('counts only completed packages with round: "down"', () => {
    // 250 → 2 complete → 10; 99 → 0
    expect(rate(down, '250').amount).toBe('10.00');
    expect(rate(down, '99').amount).toBe('0.00');
    // exactly 300 → 3 both ways
    expect(rate(down, '300').amount).toBe('15.00');
    expect(rate(up, '300').amount).toBe('15.00');
  });

  it('handles fractional package sizes and quantities (JPY, KWD)', () => {
    // ¥120 per 0.5 GB: 1.2 GB → 2.4 packages → up 3 (¥360), down 2 (¥240)
    const yen: PackagePrice = {
      model: 'package',
      currency: 'JPY',
      packageAmount: '120',
      packageSize: '0.5',
      round: 'up',
    };
    expect(rate(yen, '1.2').amount).toBe('360');
    expect(rate({ ...yen, round: 'down' }, '1.2').amount).toBe('240');
    // 1.250 KWD per 10 units: 25 → 3 packages → 3.750
    const dinar: PackagePrice = {
      model: 'package',
      currency: 'KWD',
      packageAmount: '1.250',
      packageSize: '10',
      round: 'up',
    };
    expect(rate(dinar, '25').amount).toBe('3.750');
    expect(rate(dinar, '25').tiers[0]?.quantity).toBe('3');
  });
});
