import { normalizeIban } from '../reconciliation/iban';

/** Kinds of searchable field, each with its own normalisation (and its own token space). */
export type SearchableField = 'iban' | 'tax_id' | 'email' | 'text';

/**
 * The form of a value that is hashed for search, so that spellings of the same value find each other: an IBAN
 * without spaces in upper case, a tax id without spaces, dots, dashes or slashes in upper case, an email trimmed
 * in lower case, other text in Unicode NFC with runs of white space made one space.
 */
export function normalizeSearchValue(kind: SearchableField, value: string): string {
  switch (kind) {
    case 'iban':
      return normalizeIban(value);
    case 'tax_id':
      return value.replace(/[\s./-]+/g, '').toUpperCase();
    case 'email':
      return value.trim().toLowerCase();
    case 'text':
      return value.normalize('NFC').trim().replace(/\s+/g, ' ');
    default: {
      const never: never = kind;
      throw new Error(`unknown searchable field ${String(never)}`);
    }
  }
}

/** The bytes a search token is the HMAC of: `<kind>:<normalised value>` in UTF-8. */
export function searchMessage(kind: SearchableField, value: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${kind}:${normalizeSearchValue(kind, value)}`);
}
