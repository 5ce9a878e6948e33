import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../money/money';
import { roundTaxOnce } from './round-tax-once';

const vat = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };

describe('roundTaxOnce', () => {
  it('rounds a rate once over charges and credits: 25.00 − 4.92 + 12.29 at 19 % → 6.15', () => {
    const line = (amount: string, tax: string) => ({
      description: 'x',
      amount,
      discountAmount: '0.00',
      taxableAmount: amount,
      taxes: [{ rateId: 'vat', amount: tax }],
    });
    const result = roundTaxOnce(
      [line('25.00', '4.75'), line('-4.92', '-0.93'), line('12.29', '2.34')],
      [vat],
      'EUR',
      'half-up',
    );
    expect(result.taxTotal).toBe('6.15');
    expect(result.total).toBe('38.52');
    expect(result.taxes).toEqual([{ rateId: 'vat', taxableAmount: '32.37', amount: '6.15' }]);
    expect(result.lines.map((l) => l.taxes[0]?.amount)).toEqual(['4.75', '-0.93', '2.33']);
  });

  it('always gives each rate round(Σ net × rate), its lines summing to it', () => {
    const cents = fc.integer({ min: -100_000, max: 100_000 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 30 }), (amounts) => {
        const lines = amounts.map((c) => {
          const amount = money(String(c), 'EUR').multiply('0.01').toString();
          return {
            description: 'x',
            amount,
            discountAmount: '0.00',
            taxableAmount: amount,
            taxes: [{ rateId: 'vat', amount: '0.00' }],
          };
        });
        const result = roundTaxOnce(lines, [vat], 'EUR', 'half-up');
        const net = lines.reduce((sum, line) => sum.add(money(line.amount, 'EUR')), money('0', 'EUR'));
        const expected = net.multiply('0.19').round('half-up');
        expect(result.taxTotal).toBe(expected.toString());
        const sum = result.lines.reduce(
          (s, line) => s.add(money(line.taxes[0]?.amount ?? '0', 'EUR')),
          money('0', 'EUR'),
        );
        expect(sum.toString()).toBe(expected.toString());
        expect(result.total).toBe(net.add(expected).toString());
      }),
    );
  });
});
