import { expect, it } from 'vitest';
import { isZeroDecimal } from './zero-decimal';

it('recognises zero in any spelling', () => {
  expect(['0', '0.00', '-0', '.0'].map(isZeroDecimal)).toEqual([true, true, true, true]);
  expect(['0.01', '10', '-1'].map(isZeroDecimal)).toEqual([false, false, false]);
});
