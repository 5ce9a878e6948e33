import { describe, expect, it } from 'vitest';
import { createReferenceLookup, findReferences } from './reference-lookup';

const lookup = createReferenceLookup(['INV-2026-000123', 'INV-2026-000124', 'INV-2025-000999', 'RF98INV2026000123']);
const found = (text: string) => findReferences(text, lookup).map((q) => `${q.quote} ${q.reference}`);

describe('finding invoice numbers in remittance text', () => {
  it('accepts any case and added, missing or changed separators as exact', () => {
    expect(found('Invoice INV-2026-000123, thanks')).toEqual(['exact INV-2026-000123']);
    expect(found('inv2026000123')).toEqual(['exact INV-2026-000123']);
    expect(found('INV 2026 000123')).toEqual(['exact INV-2026-000123']);
    expect(found('INV/2026/000123')).toEqual(['exact INV-2026-000123']);
    expect(found('INV-2026-00 0123')).toEqual(['exact INV-2026-000123']); // a line break became a space
    // the printed RF reference holds the invoice number too: both name the same invoice
    expect(found('RF98 INV2 0260 0012 3')).toEqual(['exact RF98INV2026000123', 'exact INV-2026-000123']);
  });

  it('lists several quoted invoices once each, in order', () => {
    expect(found('INV-2026-000124 + INV-2026-000123 and again inv-2026-000124')).toEqual([
      'exact INV-2026-000124',
      'exact INV-2026-000123',
    ]);
  });

  it('accepts exactly one swapped pair of neighbours as a transposition', () => {
    expect(found('INV-2026-000132')).toEqual(['transposition INV-2026-000123']);
    expect(found('INV-2026-001023')).toEqual(['transposition INV-2026-000123']);
    expect(found('NIV-2026-000123')).toEqual(['transposition INV-2026-000123']);
  });

  it('refuses what is outside the bounds: two swaps, a missing, extra or replaced digit, no prefix', () => {
    expect(found('INV-2026-001032')).toEqual([]); // two transpositions
    expect(found('INV-2026-00123')).toEqual([]); // a zero missing
    expect(found('INV-2026-0001234')).toEqual([]); // a digit too many
    expect(found('INV-2026-000125')).toEqual([]); // a replaced digit (and not a known number)
    expect(found('2026-000123')).toEqual([]); // no prefix
    expect(found('XINV-2026-000123')).toEqual([]); // glued to a word
    expect(found('INV: 2026 000123')).toEqual([]); // ":" is not a separator inside a number
  });

  it('prefers exact quotes: no transposition is looked for once one reference is exact', () => {
    // 000132 would be a transposition of 000123, but 000124 is quoted exactly
    expect(found('INV-2026-000124 INV-2026-000132')).toEqual(['exact INV-2026-000124']);
  });
});
