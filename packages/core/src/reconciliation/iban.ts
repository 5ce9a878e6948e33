import { mod97 } from './mod97';

const SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/**
 * An IBAN in electronic form: spaces (and the `-` or `.` some exports use) removed, upper case. Does not check
 * it; see {@link isValidIban}.
 * @example
 * ```ts
 * normalizeIban('de89 3704 0044 0532 0130 00'); // "DE89370400440532013000"
 * ```
 */
export function normalizeIban(text: string): string {
  return text.replace(/[\s\-.]+/g, '').toUpperCase();
}

/**
 * Whether `text` is an IBAN (ISO 13616) whose check digits hold: country letters, two check digits, 11 to 30
 * letters or digits, and the rearranged number ≡ 1 (mod 97). Spaces and lower case are tolerated. The national
 * length of each country is not checked.
 */
export function isValidIban(text: string): boolean {
  if (typeof text !== 'string' || text.length > 64) return false;
  const iban = normalizeIban(text);
  return SHAPE.test(iban) && mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1;
}
