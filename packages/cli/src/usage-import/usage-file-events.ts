import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import type { UsageEventInput } from '@billfold/core';
import { EventLines } from './event-lines';

/** The file formats `billfold import-usage` reads. */
export type UsageFileFormat = 'ndjson' | 'csv';

/** The format a file's extension names (`.ndjson`, `.jsonl`, `.csv`), or `undefined` for any other. */
export function formatOfPath(path: string): UsageFileFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.csv') return 'csv';
  return undefined;
}

/** A line of a usage file that is not an event (bad JSON, a CSV row of the wrong width): names the line. */
export class UsageFileError extends Error {
  override readonly name = 'UsageFileError';

  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/** The events of a usage file, read as they are consumed, and the line each one starts on. */
export interface UsageFileEvents {
  readonly events: AsyncIterable<UsageEventInput>;
  readonly lines: EventLines;
}

/** The columns of a CSV usage file that are fields of the event; every other column is a property. */
const EVENT_COLUMNS = new Set(['id', 'customerId', 'subscriptionId', 'eventName', 'timestamp']);
const REQUIRED_COLUMNS = ['id', 'customerId', 'eventName'] as const;

/** The file's lines with their numbers (from 1); `\r\n` or `\n`. */
async function* numberedLines(path: string): AsyncGenerator<{ text: string; line: number }> {
  const reader = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of reader) {
    line += 1;
    yield { text, line };
  }
}

/** One JSON event a line; blank lines are skipped. */
async function* ndjsonEvents(path: string, lines: EventLines): AsyncGenerator<UsageEventInput> {
  let index = 0;
  for await (const { text, line } of numberedLines(path)) {
    if (text.trim() === '') continue;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      throw new UsageFileError(line, `not JSON (${(error as Error).message})`);
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw new UsageFileError(line, 'expected one JSON object (an event) per line');
    }
    lines.record(index, line);
    index += 1;
    // The engine checks every field of every event; a bad one stops the import at its index.
    yield event as UsageEventInput;
  }
}

/** The cells of one CSV record (RFC 4180: `"` quotes a cell, `""` inside it is one quote); `undefined` when unclosed. */
function csvCells(record: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let at = 0; at < record.length; at += 1) {
    const char = record[at];
    if (quoted) {
      if (char !== '"') cell += char;
      else if (record[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}

/** The records of a CSV file with the line each starts on; a quoted cell may span lines. */
async function* csvRecords(path: string): AsyncGenerator<{ cells: string[]; line: number }> {
  let pending: { text: string; line: number } | undefined;
  for await (const { text, line } of numberedLines(path)) {
    const record = pending === undefined ? { text, line } : { text: `${pending.text}\n${text}`, line: pending.line };
    const cells = csvCells(record.text);
    if (cells === undefined) {
      pending = record;
      continue;
    }
    pending = undefined;
    if (record.text.trim() !== '') yield { cells, line: record.line };
  }
  if (pending !== undefined)
    throw new UsageFileError(pending.line, 'a quoted value is not closed before the end of the file');
}

/** The header row's columns, checked: the required ones present, none twice. */
function csvColumns(cells: readonly string[], line: number): string[] {
  const columns = cells.map((cell) => cell.trim());
  const twice = columns.find((column, at) => columns.indexOf(column) !== at);
  if (twice !== undefined) throw new UsageFileError(line, `the header names column "${twice}" twice`);
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new UsageFileError(
      line,
      `the header lacks ${missing.map((column) => `"${column}"`).join(', ')} (columns: ${REQUIRED_COLUMNS.join(', ')}, optionally subscriptionId and timestamp, then one per property)`,
    );
  }
  return columns;
}

/** A header row, then one event per record; an empty cell is an absent field or property. */
async function* csvEvents(path: string, lines: EventLines): AsyncGenerator<UsageEventInput> {
  let columns: string[] | undefined;
  let index = 0;
  for await (const { cells, line } of csvRecords(path)) {
    if (columns === undefined) {
      columns = csvColumns(cells, line);
      continue;
    }
    if (cells.length !== columns.length) {
      throw new UsageFileError(line, `${cells.length} values for the header's ${columns.length} columns`);
    }
    const event: Record<string, string> = {};
    const properties: Record<string, string> = {};
    columns.forEach((column, at) => {
      const value = cells[at] as string;
      if (value === '') return;
      if (EVENT_COLUMNS.has(column)) event[column] = value;
      else properties[column] = value;
    });
    lines.record(index, line);
    index += 1;
    yield { ...event, properties } as UsageEventInput;
  }
}

/**
 * The events of the usage file at `path`, read lazily (memory holds what the importer has not stored yet, never
 * the file). NDJSON: one JSON event per line. CSV: a header row with `id`, `customerId`, `eventName` and
 * optionally `subscriptionId` and `timestamp`; every other column is a property (`gb`), its values decimal strings.
 * @throws UsageFileError while iterating, for a line that is not an event.
 */
export function readUsageFile(path: string, format: UsageFileFormat): UsageFileEvents {
  const lines = new EventLines();
  return { events: format === 'ndjson' ? ndjsonEvents(path, lines) : csvEvents(path, lines), lines };
}
