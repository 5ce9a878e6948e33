import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, resolveEngineConfig } from './context';

describe('resolveEngineConfig', () => {
  it('defaults to yearly INV and CN sequences in UTC with six digits', () => {
    const config = resolveEngineConfig(undefined);
    expect(config.invoiceSequence(new Date('2026-12-31T23:30:00Z'))).toBe('INV-2026');
    expect(config.creditNoteSequence(new Date('2027-01-01T00:00:00Z'))).toBe('CN-2027');
    expect(formatDocumentNumber('INV-2026', 123, config.numberDigits)).toBe('INV-2026-000123');
    expect(config).toMatchObject({ taxRounding: 'invoice', roundingMode: 'half-up', cashRounding: {} });
  });

  it('takes the year in the seller time zone, custom prefixes and sequences', () => {
    const berlin = resolveEngineConfig({ timeZone: 'Europe/Berlin', invoicePrefix: 'RE' });
    // 23:30 UTC on 31 December is already 1 January in Berlin
    expect(berlin.invoiceSequence(new Date('2026-12-31T23:30:00Z'))).toBe('RE-2027');
    expect(resolveEngineConfig({ sequenceBy: 'none' }).invoiceSequence(new Date('2026-05-01T00:00:00Z'))).toBe('INV');
    const custom = resolveEngineConfig({ invoiceSequence: (at) => `X${at.getUTCMonth() + 1}` });
    expect(custom.invoiceSequence(new Date('2026-05-01T00:00:00Z'))).toBe('X5');
  });

  it('answers repeated instants from its last lookup, and every other instant afresh', () => {
    const berlin = resolveEngineConfig({ timeZone: 'Europe/Berlin' });
    const sequences = [
      '2026-12-31T22:59:59.999Z',
      '2026-12-31T22:59:59.999Z',
      '2026-12-31T23:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      '2026-12-31T22:00:00.000Z',
    ].map((at) => berlin.invoiceSequence(new Date(at)));
    expect(sequences).toEqual(['INV-2026', 'INV-2026', 'INV-2027', 'INV-2027', 'INV-2026']);
    expect(berlin.creditNoteSequence(new Date('2026-12-31T23:00:00.000Z'))).toBe('CN-2027');
  });
});
