import { isBillingError } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { toBillingError } from './sql-error';

const sqlError = (code: string, detail?: string) => Object.assign(new Error(`sql ${code}`), { code, detail });

describe('toBillingError', () => {
  it.each([
    ['23505', 'conflict'],
    ['40001', 'conflict'],
    ['40P01', 'conflict'],
    ['22P02', 'invalid_input'],
    ['22007', 'invalid_input'],
  ])('maps SQLSTATE %s to %s, keeping the driver error as cause', (state, code) => {
    const original = sqlError(state, 'Key (id)=(x) already exists.');
    const mapped = toBillingError(original);
    expect(isBillingError(mapped) && mapped.code).toBe(code);
    expect((mapped as Error).cause).toBe(original);
    expect((mapped as Error).message).toContain('Key (id)=(x)');
  });

  it('returns other errors unchanged', () => {
    const syntax = sqlError('42601');
    const network = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toBillingError(syntax)).toBe(syntax);
    expect(toBillingError(network)).toBe(network);
    expect(toBillingError('text')).toBe('text');
  });
});
