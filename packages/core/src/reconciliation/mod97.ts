/**
 * ISO 7064 MOD 97-10 over alphanumeric text, the check behind both IBANs (ISO 13616) and structured creditor
 * references (ISO 11649): letters count as two-digit numbers (A = 10 … Z = 35) and the remainder is taken
 * piecewise, so no value ever leaves the safe-integer range.
 * @internal
 */

/** The remainder mod 97 of `text` read as digits, letters A–Z as 10–35; `undefined` for any other character. */
export function mod97(text: string): number | undefined {
  let remainder = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      // a letter is two digits: 10…35
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return undefined;
    }
  }
  return remainder;
}
