import { z } from 'zod';

/** A letter, digit, symbol or punctuation mark: something a reader sees (not a space, control or format mark). */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** Whether `text` shows at least one visible character. */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * Text printed on invoices as a name or a line description: 1 to `max` characters, at least one of them visible
 * (a letter, digit, symbol or punctuation mark). Text made only of spaces, line breaks, control or format
 * characters would print as nothing, and an e-invoice needs the buyer's name (EN 16931 BR-7) and every item's
 * name (BR-25).
 * @example
 * ```ts
 * displayText(200).parse('Acme GmbH'); // "Acme GmbH"
 * displayText(200).safeParse(' \u200B\t').success; // false
 * ```
 */
export function displayText(max: number) {
  return z.string().min(1).max(max).refine(hasVisibleText, 'must contain a letter, digit, symbol or punctuation mark');
}
