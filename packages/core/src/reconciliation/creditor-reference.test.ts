import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import {
  createCreditorReference,
  findCreditorReferences,
  formatCreditorReference,
  isValidCreditorReference,
  normalizeCreditorReference,
} from './creditor-reference';
import { isValidIban, normalizeIban } from './iban';

describe('ISO 11649 creditor references', () => {
  it('computes the check digits of the standard example by hand', () => {
    // Body 539007547034. Append "RF00" and turn letters into numbers (R = 27, F = 15):
    //   539007547034 27 15 00 → 539007547034271500
    // 539007547034271500 mod 97, piecewise (9 digits, then the remainder in front of 7 more):
    //   539007547 mod 97 = 539007547 − 97 × 5556778 = 539007547 − 539007466 = 81
    //   810342715 mod 97 = 810342715 − 97 × 8354048 = 810342715 − 810342656 = 59
    //   5900 mod 97 = 5900 − 97 × 60 = 5900 − 5820 = 80
    // check = 98 − 80 = 18 → RF18539007547034 (the example in ISO 11649)
    expect(createCreditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('makes the reference of a Billfold invoice number by hand', () => {
    // Body INV2026000123 (dashes dropped). I = 18, N = 23, V = 31; "RF00" → 27 15 00:
    //   1823312026000123271500
    //   182331202 mod 97 = 182331202 − 97 × 1879703 = 182331202 − 182331191 = 11
    //   116000123 mod 97 = 116000123 − 97 × 1195877 = 116000123 − 116000069 = 54
    //   54271500 mod 97  = 54271500 − 97 × 559500 = 54271500 − 54271500 = 0
    // check = 98 − 0 = 98
    expect(createCreditorReference('INV-2026-000123')).toBe('RF98INV2026000123');
    expect(formatCreditorReference('RF98INV2026000123')).toBe('RF98 INV2 0260 0012 3');
    // a customer reference goes in front: C42 + INV2026000123
    const withCustomer = createCreditorReference('INV-2026-000123', { customerReference: 'C42' });
    expect(withCustomer).toMatch(/^RF\d\dC42INV2026000123$/);
    expect(isValidCreditorReference(withCustomer)).toBe(true);
  });

  it('refuses bodies that do not fit 21 letters or digits', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
        return 'none';
      } catch (error) {
        return isBillingError(error) ? `${error.code} ${error.path.join('.')}` : 'other';
      }
    };
    expect(codeOf(() => createCreditorReference('1234567890123456789012'))).toBe('invalid_input invoiceNumber');
    expect(codeOf(() => createCreditorReference('INV#1'))).toBe('invalid_input invoiceNumber');
    expect(codeOf(() => createCreditorReference('---'))).toBe('invalid_input invoiceNumber');
    expect(codeOf(() => createCreditorReference('INV-2026-000123', { customerReference: 'CUSTOMER-0000000042' }))).toBe(
      'invalid_input customerReference',
    );
    expect(createCreditorReference('123456789012345678901')).toHaveLength(25);
  });

  it('validates: shape, length, alphanumerics and the mod-97 check', () => {
    expect(normalizeCreditorReference('rf18 5390 0754 7034')).toBe('RF18539007547034');
    expect(isValidCreditorReference('RF18539007547034')).toBe(true);
    expect(isValidCreditorReference('RF19539007547034')).toBe(false); // wrong check digits
    expect(isValidCreditorReference('RF18539007547043')).toBe(false); // two digits swapped
    expect(isValidCreditorReference('RF18')).toBe(false); // no body
    expect(isValidCreditorReference('RF1853900754703')).toBe(false); // one digit missing
    expect(isValidCreditorReference('RF18-5390-0754-7034')).toBe(false); // dashes are not the print format
    expect(isValidCreditorReference(`RF00${'1'.repeat(22)}`)).toBe(false); // 26 characters
    expect(() => formatCreditorReference('RF00123')).toThrow(/not a valid ISO 11649/);
  });

  it('finds references in free text, tolerating spaces and lower case, cutting back a swallowed word', () => {
    expect(findCreditorReferences('Payment rf18 5390 0754 7034 thanks')).toEqual(['RF18539007547034']);
    expect(findCreditorReferences('RF18539007547034/RF98INV2026000123')).toEqual([
      'RF18539007547034',
      'RF98INV2026000123',
    ]);
    expect(findCreditorReferences('twice RF18539007547034 RF18 5390 0754 7034')).toEqual(['RF18539007547034']);
    // invalid check digits are not returned; neither is RF glued to a word
    expect(findCreditorReferences('RF19 5390 0754 7034')).toEqual([]);
    expect(findCreditorReferences('XRF18539007547034')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('checks mod 97 by hand on the German example', () => {
    // DE89 3704 0044 0532 0130 00 → 370400440532013000 DE89 → D = 13, E = 14: 370400440532013000131489
    //   370400440 mod 97 = 370400440 − 97 × 3818561 = 370400440 − 370400417 = 23
    //   235320130 mod 97 = 235320130 − 97 × 2425980 = 235320130 − 235320060 = 70
    //   700013148 mod 97 = 700013148 − 97 × 7216630 = 700013148 − 700013110 = 38
    //   389 mod 97 = 389 − 388 = 1 → valid
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('de89370400440532013000')).toBe(true);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
    expect(isValidIban('GB29NWBK60161331926819')).toBe(true);
    expect(isValidIban('GB29 NWBK')).toBe(false);
    expect(normalizeIban(' gb29-nwbk.6016 1331 9268 19 ')).toBe('GB29NWBK60161331926819');
  });
});
