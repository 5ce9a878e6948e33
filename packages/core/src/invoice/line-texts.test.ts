import { describe, expect, it } from 'vitest';
import { validate } from '../errors/validate';
import { LineTextsInputSchema, lineTexts } from './line-texts';

describe('lineTexts', () => {
  it('words the engine’s lines in English and German, the quantity in the customer’s locale', () => {
    const en = lineTexts('en-US');
    const de = lineTexts('de-DE');
    expect(en.unusedTime(en.quantity('Team (per seat)', '5'))).toBe('Unused time on Team (per seat) × 5');
    expect(de.unusedTime(de.quantity('Team (pro Platz)', '5'))).toBe('Nicht genutzte Zeit für Team (pro Platz) × 5');
    expect(de.remainingTime('Pro')).toBe('Restliche Zeit für Pro');
    expect(de.prorated(de.quantity('Speicher', '12345.5'))).toBe('Speicher × 12.345,5 (anteilig)');
    expect(en.prorated(en.quantity('Storage', '12345.5'))).toBe('Storage × 12,345.5 (prorated)');
    expect(de.cancelled('Restliche Zeit für Pro')).toBe('Storniert: Restliche Zeit für Pro');
    expect(en.quantity('Pro', '1')).toBe('Pro');
  });

  it('names a meter only when it says more than the product', () => {
    expect(lineTexts('en').usage('API calls', 'API calls')).toBe('API calls');
    expect(lineTexts('en').usage('Data transfer', 'Data')).toBe('Data transfer (Data)');
  });

  it('takes a host’s language and overrides, by the locale’s tag, then its language, then English', () => {
    const added = { fr: { prorated: '{item} (au prorata)' }, 'de-ch': { unusedTime: 'Ungenutzte Zeit auf {item}' } };
    expect(lineTexts('fr-FR', added).prorated('Fibre')).toBe('Fibre (au prorata)');
    expect(lineTexts('fr-FR', added).unusedTime('Fibre')).toBe('Unused time on Fibre');
    expect(lineTexts('de-CH', added).unusedTime('Pro')).toBe('Ungenutzte Zeit auf Pro');
    expect(lineTexts('de-CH', added).prorated('Pro')).toBe('Pro (anteilig)');
    expect(lineTexts('xx-not-a-locale-at-all', added).quantity('Pro', '2.5')).toBe('Pro × 2.5');
  });

  it('refuses host templates without their placeholders and malformed language tags', () => {
    expect(() => validate(LineTextsInputSchema, { fr: { prorated: 'au prorata' } }, 'lineTexts')).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['lineTexts', 'fr', 'prorated'] }),
    );
    expect(() => validate(LineTextsInputSchema, { FR: { prorated: '{item}' } }, 'lineTexts')).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
