import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { mod97 } from './mod97';

const ELECTRONIC = /^RF\d{2}[A-Z0-9]{1,21}$/;
/** Separators people and banks put inside references: removed before a reference is built or compared. */
const SEPARATORS = /[\s\-/._]+/g;

/** `text` without separators, upper-cased: how references and invoice numbers are compared. */
export function compactReference(text: string): string {
  return text.replace(SEPARATORS, '').toUpperCase();
}

/**
 * A structured creditor reference (ISO 11649, `RFkk` + up to 21 letters or digits) for an invoice: the invoice
 * number without its separators, optionally behind a customer reference, with the two check digits that make
 * `body + "RF" + kk` ≡ 1 (mod 97). Returned in electronic format (no spaces); print it with
 * {@link formatCreditorReference}.
 * @throws BillingError `invalid_input` when the body is empty, holds characters other than A–Z and 0–9 (after
 * removing spaces, `-`, `/`, `.`, `_`) or is longer than 21 characters.
 * @example
 * ```ts
 * createCreditorReference('INV-2026-000123'); // "RF98INV2026000123"
 * formatCreditorReference(createCreditorReference('539007547034')); // "RF18 5390 0754 7034"
 * ```
 */
export function createCreditorReference(invoiceNumber: string, options: { customerReference?: string } = {}): string {
  if (typeof invoiceNumber !== 'string') {
    throw new BillingError(BillingErrorCode.invalidInput, 'invoiceNumber must be a string', {
      path: ['invoiceNumber'],
    });
  }
  const body = compactReference(`${options.customerReference ?? ''}${invoiceNumber}`);
  if (!/^[A-Z0-9]{1,21}$/.test(body)) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `A creditor reference holds 1 to 21 letters or digits; "${body}" (${body.length} characters) does not fit`,
      { path: [options.customerReference === undefined ? 'invoiceNumber' : 'customerReference'] },
    );
  }
  const check = 98 - (mod97(`${body}RF00`) as number);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/**
 * The electronic form (no spaces, upper case) of a valid ISO 11649 reference, or `undefined` when `text` is not
 * one: wrong shape, longer than 25 characters, or check digits that do not hold. Spaces and lower case are
 * tolerated (`"rf18 5390 0754 7034"`).
 */
export function normalizeCreditorReference(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const electronic = text.replace(/\s+/g, '').toUpperCase();
  if (!ELECTRONIC.test(electronic)) return undefined;
  return mod97(`${electronic.slice(4)}${electronic.slice(0, 4)}`) === 1 ? electronic : undefined;
}

/** Whether `text` is a valid ISO 11649 creditor reference (spaces and lower case tolerated). */
export function isValidCreditorReference(text: string): boolean {
  return normalizeCreditorReference(text) !== undefined;
}

/**
 * The print form of a creditor reference: groups of four characters separated by spaces, the last group shorter
 * (`"RF18 5390 0754 7034"`, `"RF98 INV2 0260 0012 3"`).
 * @throws BillingError `invalid_input` when `reference` is not a valid creditor reference.
 */
export function formatCreditorReference(reference: string): string {
  const electronic = normalizeCreditorReference(reference);
  if (electronic === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `"${reference}" is not a valid ISO 11649 creditor reference`,
      {
        path: ['reference'],
      },
    );
  }
  return electronic.replace(/(.{4})(?=.)/g, '$1 ');
}

/** RF, two check digits, then up to 21 letters or digits, with single spaces allowed between characters. */
const IN_TEXT = /(?<![A-Za-z0-9])RF ?\d ?\d(?: ?[A-Za-z0-9]){1,21}/gi;

/**
 * Every RF-shaped run in free text (`"Payment rf18 5390 0754 7034 thanks"`), as written, in order. A run may
 * have swallowed a following word; {@link findCreditorReferences} backs off to a valid reference.
 * @internal
 */
export function creditorReferenceRuns(text: string): string[] {
  return text.match(IN_TEXT) ?? [];
}

/**
 * The shorter readings of a run, longest first: the whole run, then the run cut before each space from the
 * right, so `"RF18 5390 0754 7034 THANKS"` is also read as `"RF18 5390 0754 7034"`.
 * @internal
 */
export function creditorReferenceReadings(run: string): string[] {
  const readings = [run];
  for (let cut = run.lastIndexOf(' '); cut > 4; cut = run.lastIndexOf(' ', cut - 1)) readings.push(run.slice(0, cut));
  return readings;
}

/**
 * The valid ISO 11649 creditor references quoted in free text (remittance information), in electronic form, in
 * order and without repeats. Tolerates lower case and the spaces of the print form; a run that swallowed the
 * next word is cut back at a space until its check digits hold. Invalid references are not returned.
 * @example
 * ```ts
 * findCreditorReferences('Invoice rf18 5390 0754 7034 thanks'); // ["RF18539007547034"]
 * ```
 */
export function findCreditorReferences(text: string): string[] {
  const found: string[] = [];
  for (const run of creditorReferenceRuns(text)) {
    for (const reading of creditorReferenceReadings(run)) {
      const valid = normalizeCreditorReference(reading);
      if (valid !== undefined) {
        if (!found.includes(valid)) found.push(valid);
        break;
      }
    }
  }
  return found;
}
