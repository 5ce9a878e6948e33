import { compactReference } from './creditor-reference';

/** The invoice numbers (or any references) one statement is matched against, indexed for typo-tolerant search. */
export interface ReferenceLookup {
  /** Compact form (no separators, upper case) → the reference as issued. */
  readonly byCompact: ReadonlyMap<string, string>;
  readonly minLength: number;
  readonly maxLength: number;
}

/** How a reference was found in free text. */
export type ReferenceQuote = 'exact' | 'transposition';

/** A known reference found in free text. */
export interface QuotedReference {
  /** The reference as issued (`"INV-2026-000123"`). */
  readonly reference: string;
  /**
   * `exact`: quoted character for character, ignoring letter case and separators (`inv 2026 000123`,
   * `INV2026000123`, `INV/2026/000123`). `transposition`: two neighbouring characters swapped
   * (`INV-2026-000132`); never used for automatic payments.
   */
  readonly quote: ReferenceQuote;
  /** The text as the payer wrote it. */
  readonly quoted: string;
}

/**
 * Indexes known references (invoice numbers) for {@link findReferences}.
 * @example
 * ```ts
 * const lookup = createReferenceLookup(['INV-2026-000123', 'INV-2026-000124']);
 * findReferences('pay inv2026000123', lookup); // [{ reference: 'INV-2026-000123', quote: 'exact', … }]
 * ```
 */
export function createReferenceLookup(references: Iterable<string>): ReferenceLookup {
  const byCompact = new Map<string, string>();
  let minLength = Number.POSITIVE_INFINITY;
  let maxLength = 0;
  for (const reference of references) {
    const compact = compactReference(reference);
    if (compact.length === 0) continue;
    byCompact.set(compact, reference);
    minLength = Math.min(minLength, compact.length);
    maxLength = Math.max(maxLength, compact.length);
  }
  return { byCompact, minLength, maxLength };
}

/** Most words a quoted reference may be split into (`INV 2026 000123` is three, a printed RF reference up to seven). */
const MAX_WORDS = 7;
/** What may stand between the words of one quoted reference. */
const JOINT = /^[\s\-/._]{1,3}$/;

interface Window {
  readonly compact: string;
  readonly quoted: string;
}

/** Every run of up to {@link MAX_WORDS} letter-and-digit words joined by separators, compacted. */
function windows(text: string, lookup: ReferenceLookup): Window[] {
  const words = [...text.matchAll(/[A-Za-z0-9]+/g)];
  const found: Window[] = [];
  for (let start = 0; start < words.length; start++) {
    let compact = '';
    for (let end = start; end < words.length && end < start + MAX_WORDS; end++) {
      const word = words[end] as RegExpMatchArray;
      if (end > start) {
        const previous = words[end - 1] as RegExpMatchArray;
        const joint = text.slice((previous.index as number) + previous[0].length, word.index as number);
        if (!JOINT.test(joint)) break;
      }
      compact += word[0].toUpperCase();
      if (compact.length > lookup.maxLength + 1) break;
      if (compact.length >= lookup.minLength) {
        const first = (words[start] as RegExpMatchArray).index as number;
        found.push({ compact, quoted: text.slice(first, (word.index as number) + word[0].length) });
      }
    }
  }
  return found;
}

/**
 * The known references quoted in free text, in order of appearance, each once. Accepted, and nothing else:
 * - **exact**: the reference with any letter case and with separators (space, `-`, `/`, `.`, `_`) added, removed
 *   or changed between its parts;
 * - **transposition**: the same, with exactly one pair of neighbouring characters swapped; only when no exact
 *   quote of any reference was found in the text.
 * Not accepted: a missing, extra or replaced character, two transpositions, a number without its prefix.
 */
export function findReferences(text: string, lookup: ReferenceLookup): QuotedReference[] {
  if (lookup.byCompact.size === 0 || text.length === 0) return [];
  const candidates = windows(text, lookup);
  const exact: QuotedReference[] = [];
  for (const { compact, quoted } of candidates) {
    const reference = lookup.byCompact.get(compact);
    if (reference !== undefined && !exact.some((q) => q.reference === reference)) {
      exact.push({ reference, quote: 'exact', quoted });
    }
  }
  if (exact.length > 0) return exact;
  const typos: QuotedReference[] = [];
  for (const { compact, quoted } of candidates) {
    if (compact.length > lookup.maxLength || !/\d/.test(compact)) continue;
    for (let i = 0; i + 1 < compact.length; i++) {
      if (compact[i] === compact[i + 1]) continue;
      const swapped = `${compact.slice(0, i)}${compact[i + 1]}${compact[i]}${compact.slice(i + 2)}`;
      const reference = lookup.byCompact.get(swapped);
      if (reference !== undefined && !typos.some((q) => q.reference === reference)) {
        typos.push({ reference, quote: 'transposition', quoted });
      }
    }
  }
  return typos;
}
