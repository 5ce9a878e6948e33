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
      [[vat], [vat], [vat]],
      'EUR',
      'half-up',
    );
    expect(result.taxTotal).toBe('6.15');
    expect(result.total).toBe('38.52');
    expect(result.taxes).toEqual([{ rateId: 'vat', taxableAmount: '32.37', amount: '6.15' }]);
    expect(result.lines.map((l) => l.taxes[0]?.amount)).toEqual(['4.75', '-0.93', '2.33']);
  });

  it('rounds each rate once over its own lines when lines carry different rates: 7 % and 19 % side by side', () => {
    const reduced = { id: 'reduced', name: 'VAT 7%', percentage: '7', inclusive: false };
    const line = (amount: string, rateId: string, tax: string) => ({
      description: 'x',
      amount,
      discountAmount: '0.00',
      taxableAmount: amount,
      taxes: [{ rateId, amount: tax }],
    });
    // 19 %: 10.05 − 3.33 = 6.72 → 1.2768 → 1.28 (per line 1.91 − 0.63 = 1.28); 7 %: 2.50 + 2.50 = 5.00 → 0.35
    // (per line 0.18 + 0.18 = 0.36).
    const result = roundTaxOnce(
      [
        line('10.05', 'vat', '1.91'),
        line('2.50', 'reduced', '0.18'),
        line('-3.33', 'vat', '-0.63'),
        line('2.50', 'reduced', '0.18'),
      ],
      [[vat], [reduced], [vat], [reduced]],
      'EUR',
      'half-up',
    );
    expect(result.taxes).toEqual([
      { rateId: 'vat', taxableAmount: '6.72', amount: '1.28' },
      { rateId: 'reduced', taxableAmount: '5.00', amount: '0.35' },
    ]);
    expect(result.taxTotal).toBe('1.63');
    expect(result.total).toBe('13.35');
    expect(result.lines.map((l) => l.taxes[0]?.amount)).toEqual(['1.91', '0.18', '-0.63', '0.17']);
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
        const result = roundTaxOnce(
          lines,
          lines.map(() => [vat]),
          'EUR',
          'half-up',
        );
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
