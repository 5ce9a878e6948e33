import { cleanText } from '../model/clean-text';

/** The record separator RFC 4180 prescribes. @internal */
export const CRLF = '\r\n';

// What a spreadsheet would read as a formula (or DDE) when a cell starts with it.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function quote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A text cell: control characters removed, a leading `= + - @`, tab or CR (also after spaces) neutralised
 * with an apostrophe so no spreadsheet runs it, quoted per RFC 4180 when needed.
 * @internal
 */
export function csvText(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const raw = FORMULA_START.test(value);
  const cleaned = cleanText(value);
  return quote(raw || FORMULA_START.test(cleaned.trimStart()) ? `'${cleaned}` : cleaned);
}

/** An amount or quantity cell: a plain decimal string as it is; anything else is treated as text. @internal */
export function csvNumber(value: string | undefined): string {
  if (value === undefined) return '';
  return PLAIN_DECIMAL.test(value) ? value : csvText(value);
}

/** One CSV record. @internal */
export function csvRecord(cells: readonly string[]): string {
  return cells.join(',');
}

/** A CSV document: the header record, then one record per row, each ended by CRLF (RFC 4180). */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map(csvRecord).join(CRLF) + CRLF;
}
