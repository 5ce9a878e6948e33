import type { ValidateOptions } from '@billfold/core';

// C0/C1 controls except tab/LF/CR (handled below), invisible bidi overrides and isolates that can make text
// read differently from what it is, the BOM and the two non-characters XML forbids.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from a user made safe to print in any format: line breaks normalised to `\n`, tabs to spaces,
 * control characters and bidi overrides removed, lone surrogates replaced by U+FFFD, ends trimmed.
 * Escaping for each format's syntax happens later, in that format.
 * @internal
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .trim();
}

/** {@link cleanText} on one line: line breaks become spaces. @internal */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\n+/g, ' ');
}

/**
 * How documents validate the records they render: any text is accepted (core's `validate` refuses text storage
 * cannot keep), because {@link cleanText} makes it printable; a document must render whatever a record holds.
 * @internal
 */
export const RECORD_TEXT: ValidateOptions = { allowUnstorableText: true };
