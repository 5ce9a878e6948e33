import { describe, expect, it } from 'vitest';
import { parseFixed } from '../money/fixed';
import { parseSpecDecimal } from './spec-decimal';

describe('parseSpecDecimal', () => {
  it('parses like parseFixed, also once the memo has been cleared', () => {
    for (let i = 0; i < 10_000; i++) {
      const text = `${i}.${i % 7}5`;
      expect(parseSpecDecimal(text)).toEqual(parseFixed(text));
    }
    expect(parseSpecDecimal('0.0004')).toEqual({ units: 4n, scale: 4 });
    expect(parseSpecDecimal('0.0004')).toEqual({ units: 4n, scale: 4 });
    expect(parseSpecDecimal('1000')).toEqual({ units: 1000n, scale: 0 });
  });
});
