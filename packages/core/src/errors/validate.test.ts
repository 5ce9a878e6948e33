import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MetadataSchema } from '../domain/common';
import { isBillingError } from './billing-error';
import { validate } from './validate';

/** The `[code, path]` of what `validate` throws, or `'valid'`. */
function outcome(schema: z.ZodType, input: unknown): unknown {
  try {
    validate(schema, input, 'input');
    return 'valid';
  } catch (error) {
    if (!isBillingError(error)) throw error;
    return [error.code, error.path];
  }
}

const Profile = z.strictObject({ name: z.string(), tags: z.array(z.string()).default([]), metadata: MetadataSchema });

describe('validate refuses text a storage cannot keep, at its path', () => {
  it('refuses NUL and lone surrogates in any string, keeps well-formed text', () => {
    expect(outcome(Profile, { name: 'a\u0000b', metadata: {} })).toEqual(['invalid_input', ['input', 'name']]);
    expect(outcome(Profile, { name: 'ok', tags: ['x', 'lone \uD800'], metadata: {} })).toEqual([
      'invalid_input',
      ['input', 'tags', 1],
    ]);
    expect(outcome(Profile, { name: '\uDC00 first', metadata: {} })).toEqual(['invalid_input', ['input', 'name']]);
    expect(outcome(Profile, { name: 'end \uD83D', metadata: {} })).toEqual(['invalid_input', ['input', 'name']]);
    expect(outcome(Profile, { name: 'ok', metadata: { note: 'x\u0000' } })).toEqual([
      'invalid_input',
      ['input', 'metadata', 'note'],
    ]);
    // A surrogate pair (😀), U+FFFD, other controls and right-to-left text are all storable.
    expect(outcome(Profile, { name: '😀 \uFFFD \u0007 שלום', metadata: { '😀': 'é' } })).toBe('valid');
  });

  it('refuses such text in object keys, and a __proto__ key anywhere, which parsing would drop silently', () => {
    expect(outcome(Profile, { name: 'ok', metadata: { 'k\u0000': 'v' } })).toEqual([
      'invalid_input',
      ['input', 'metadata', 'k\u0000'],
    ]);
    const proto = JSON.parse('{ "name": "ok", "metadata": { "__proto__": "x", "fine": "y" } }');
    expect(outcome(Profile, proto)).toEqual(['invalid_input', ['input', 'metadata', '__proto__']]);
    expect(outcome(Profile, { name: 'ok', metadata: { constructor: 'x' } })).toEqual([
      'invalid_input',
      ['input', 'metadata', 'constructor'],
    ]);
    expect(outcome(Profile, { name: 'ok', metadata: { prototype: 'x' } })).toEqual([
      'invalid_input',
      ['input', 'metadata', 'prototype'],
    ]);
  });

  it('names each unknown key at its own path', () => {
    expect(outcome(Profile, { name: 'ok', metadata: {}, nmae: 'typo' })).toEqual(['invalid_input', ['input', 'nmae']]);
  });

  it('reports the schema’s problems first, and accepts any text when told the input is only rendered', () => {
    expect(outcome(Profile, { name: 1, metadata: { note: 'x\u0000' } })).toEqual(['invalid_input', ['input', 'name']]);
    expect(validate(Profile, { name: 'a\u0000b', metadata: {} }, 'invoice', { allowUnstorableText: true }).name).toBe(
      'a\u0000b',
    );
  });

  it('walks deep and cyclic inputs without overflowing or looping', () => {
    let deep: unknown = 'bottom \u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(outcome(z.unknown(), deep)).toEqual(['invalid_input', ['input', ...Array(100_000).fill(0)]]);
    const cyclic: Record<string, unknown> = { name: 'ok' };
    cyclic.self = cyclic;
    expect(outcome(z.unknown(), cyclic)).toBe('valid');
  });
});
