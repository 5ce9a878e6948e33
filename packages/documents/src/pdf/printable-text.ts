import { BillingError, BillingErrorCode } from '@billfold/core';
import type { FontSet } from './font-set';

/** Fields whose text a document prints. */
const PRINTED = new Set([
  'name',
  'legalName',
  'line1',
  'line2',
  'city',
  'postalCode',
  'region',
  'email',
  'phone',
  'type',
  'value',
  'description',
  'billingCode',
  'notes',
  'memo',
  'number',
  'invoiceNumber',
  'iban',
  'accountName',
  'paymentInstructions',
  'paymentTerms',
  'companyId',
  'vatId',
  'reference',
]);

/** Records a document prints fields of. */
const CONTAINERS = new Set([
  'customerSnapshot',
  'customer',
  'address',
  'taxIds',
  'lines',
  'taxRates',
  'seller',
  'bankAccount',
  'customFields',
  // a statement's parts
  'currencies',
  'entries',
  'openItems',
]);

/** Characters that need no glyph: spaces, controls, format characters (joiners, bidi marks), variation selectors. */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]/u;

type Path = (string | number)[];

function check(fonts: FontSet, text: string, path: Path): void {
  for (const char of text) {
    if (INVISIBLE.test(char) || fonts.covers(char.codePointAt(0) as number)) continue;
    const code = (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
    throw new BillingError(
      BillingErrorCode.unsupported,
      `"${char}" (U+${code}) is in none of the PDF's fonts: it would print as an empty box. The PDF sets Latin, Greek, Cyrillic, Arabic, Hebrew and (with the optional Noto Sans JP package) Japanese and Chinese characters; pass fonts.fallbacks with a font that has it, or change the text`,
      { path },
    );
  }
}

function walk(fonts: FontSet, value: unknown, path: Path, printed: boolean): void {
  if (typeof value === 'string') {
    if (printed) check(fonts, value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      walk(fonts, item, [...path, index], printed);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (PRINTED.has(key) || CONTAINERS.has(key)) walk(fonts, item, [...path, key], PRINTED.has(key));
    }
  }
}

/**
 * Refuses a PDF that would drop characters: every printed field of the inputs (names, addresses, descriptions,
 * notes, tax ids, the seller's profile, custom fields) must be in one of the fonts (emoji and scripts such as Thai
 * or Devanagari are not), else a `BillingError` `unsupported` names the field and the character.
 * @param inputs the render call's arguments by name (`["invoice", invoice]`, `["options", options]`).
 * @internal
 */
export function assertPrintable(fonts: FontSet, inputs: readonly (readonly [string, unknown])[]): void {
  for (const [name, value] of inputs) {
    if (name === 'options') {
      const { seller, customFields } = value as { seller: unknown; customFields: unknown };
      walk(fonts, { seller, customFields }, [name], false);
    } else {
      walk(fonts, value, [name], false);
    }
  }
}
