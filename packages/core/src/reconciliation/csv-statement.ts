import type { z } from 'zod';
import { validate } from '../errors/validate';
import type { BankStatementFile } from './camt-statement';
import { type CsvColumn, type CsvDateFormat, CsvStatementMappingSchema, type CsvStatementMapping } from './csv-mapping';
import { type CsvRecord, readCsvRecords } from './csv-records';
import { isValidIban, normalizeIban } from './iban';
import { statementAmount, statementCurrency, statementError } from './statement-amount';
import { CalendarDateSchema, type BankStatementEntry, type StatementTransaction } from './statement-entry';
import { statementText } from './statement-text';

type Mapping = z.output<typeof CsvStatementMappingSchema>;

const DATE_PARTS: Record<CsvDateFormat, RegExp> = {
  'YYYY-MM-DD': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  'DD.MM.YYYY': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'DD/MM/YYYY': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'MM/DD/YYYY': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'DD-MM-YYYY': /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
  YYYYMMDD: /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
};

/** A 53-bit hash of `text` (cyrb53): a short, stable id for a row that has no bank reference. */
function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Reads one row's cells by column, with errors naming the line and the column. */
class CsvRow {
  constructor(
    readonly record: CsvRecord,
    private readonly positions: ReadonlyMap<CsvColumn, number>,
  ) {}

  where(column: CsvColumn): string {
    return `statement line ${this.record.line}, column ${typeof column === 'number' ? `#${column}` : `"${column}"`}`;
  }

  path(column: CsvColumn): (string | number)[] {
    return ['statement', 'line', this.record.line, column];
  }

  cell(column: CsvColumn | undefined): string | undefined {
    if (column === undefined) return undefined;
    const value = this.record.fields[this.positions.get(column) ?? -1]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  required(column: CsvColumn): string {
    const value = this.cell(column);
    if (value === undefined) throw statementError(this.path(column), this.where(column), 'a value is required');
    return value;
  }

  date(column: CsvColumn, format: CsvDateFormat): string {
    const raw = this.required(column);
    const parts = DATE_PARTS[format].exec(raw)?.groups;
    const value =
      parts === undefined ? undefined : `${parts.y}-${parts.m?.padStart(2, '0')}-${parts.d?.padStart(2, '0')}`;
    if (value === undefined || !CalendarDateSchema.safeParse(value).success) {
      throw statementError(this.path(column), this.where(column), `"${raw}" is not a date in the format ${format}`);
    }
    return value;
  }
}

/** Column → position: numbers as they are, names from the header record. */
function columnPositions(mapping: Mapping, header: CsvRecord | undefined): Map<CsvColumn, number> {
  const positions = new Map<CsvColumn, number>();
  const { direction, remittance, ...single } = mapping.columns;
  const wanted = [...Object.values(single), direction?.column, ...[remittance ?? []].flat()];
  for (const column of wanted) {
    if (column === undefined) continue;
    if (typeof column === 'number') {
      positions.set(column, column);
      continue;
    }
    const index = header?.fields.findIndex((name) => name.trim() === column) ?? -1;
    if (index === -1) {
      throw statementError(
        ['statement', 'line', header?.line ?? 1, column],
        `statement line ${header?.line ?? 1}`,
        `no column named "${column}" in the header`,
      );
    }
    positions.set(column, index);
  }
  return positions;
}

/** The signed amount and the direction of a row. */
function amountOf(row: CsvRow, mapping: Mapping, currency: string): { amount: string; direction: 'credit' | 'debit' } {
  const column = mapping.columns.amount;
  let text = row
    .required(column)
    .replace(/\s+/g, mapping.thousandsSeparator === ' ' ? '' : ' ')
    .trim();
  if (mapping.thousandsSeparator !== '' && mapping.thousandsSeparator !== ' ')
    text = text.split(mapping.thousandsSeparator).join('');
  if (mapping.decimalSeparator === ',') text = text.replace(',', '.');
  const negative = text.startsWith('-');
  const amount = statementAmount(negative ? text.slice(1) : text, currency, row.path(column), row.where(column));
  const direction = mapping.columns.direction;
  if (direction === undefined) return { amount, direction: negative ? 'debit' : 'credit' };
  if (negative)
    throw statementError(row.path(column), row.where(column), 'a signed amount next to a credit/debit column');
  const word = row.required(direction.column);
  if (direction.credit.includes(word)) return { amount, direction: 'credit' };
  if (direction.debit.includes(word)) return { amount, direction: 'debit' };
  throw statementError(
    row.path(direction.column),
    row.where(direction.column),
    `"${word}" is neither ${[...direction.credit, ...direction.debit].join(' nor ')}`,
  );
}

/**
 * Reads a bank's CSV export with a column mapping into the same entries {@link parseCamt} gives: every row is a
 * booked entry with one transaction. Row ids come from the `id` column, else from the row's content and its
 * occurrence in the file (two identical rows stay two entries; the same file imported again gives the same ids).
 * @throws BillingError `invalid_input`: a bad mapping (path under `mapping`), or a bad row (path
 * `["statement", "line", n, column]`, the message naming line and column).
 * @example
 * ```ts
 * const file = parseCsvStatement('Date,Amount,Text\n2026-01-31,119.00,INV-2026-000123\n', {
 *   account: 'DE89370400440532013000', currency: 'EUR',
 *   columns: { bookingDate: 'Date', amount: 'Amount', remittance: 'Text' },
 * });
 * file.entries[0].amount; // "119.00"
 * ```
 */
export function parseCsvStatement(input: string | Uint8Array, mapping: CsvStatementMapping): BankStatementFile {
  const options = validate(CsvStatementMappingSchema, mapping, 'mapping');
  const records = readCsvRecords(
    statementText(input, 'statement', options.encoding ?? 'utf-8'),
    options.delimiter,
    'statement',
  ).filter((record) => record.line > options.skipLines);
  const header = options.header ? records.shift() : undefined;
  if (options.header && header === undefined) throw statementError(['statement'], 'statement', 'no header line');
  const positions = columnPositions(options, header);
  // an IBAN in electronic form, as camt gives it; any other account id as written
  const account = isValidIban(options.account) ? normalizeIban(options.account) : options.account.trim();
  const seen = new Map<string, number>();
  const { columns } = options;
  const entries = records.map((record): BankStatementEntry => {
    const row = new CsvRow(record, positions);
    const currencyCell = row.cell(columns.currency);
    const currency =
      currencyCell === undefined
        ? (options.currency as string)
        : statementCurrency(
            currencyCell.toUpperCase(),
            row.path(columns.currency as CsvColumn),
            row.where(columns.currency as CsvColumn),
          );
    const { amount, direction } = amountOf(row, options, currency);
    const bookingDate = row.date(columns.bookingDate, options.dateFormat);
    const valueDate =
      columns.valueDate === undefined || row.cell(columns.valueDate) === undefined
        ? undefined
        : row.date(columns.valueDate, options.dateFormat);
    const unstructured = [columns.remittance ?? []].flat().flatMap((column) => row.cell(column)?.slice(0, 500) ?? []);
    const name = row.cell(columns.counterpartyName)?.slice(0, 500);
    const iban = row.cell(columns.counterpartyIban);
    const party =
      name === undefined && iban === undefined
        ? undefined
        : {
            ...(name !== undefined ? { name } : {}),
            ...(iban !== undefined ? { iban: normalizeIban(iban).slice(0, 34) } : {}),
          };
    const endToEndId = row.cell(columns.endToEndId)?.slice(0, 70);
    const reference = row.cell(columns.creditorReference)?.slice(0, 70);
    const transaction: StatementTransaction = {
      ...(endToEndId !== undefined ? { endToEndId } : {}),
      ...(party !== undefined ? { [direction === 'credit' ? 'debtor' : 'creditor']: party } : {}),
      remittance: {
        unstructured,
        creditorReferences: reference === undefined ? [] : [reference],
        referredDocuments: [],
      },
    };
    const ownId = row.cell(columns.id);
    let id = ownId?.slice(0, 150);
    if (id === undefined) {
      const content = contentHash(
        JSON.stringify([
          bookingDate,
          valueDate,
          amount,
          direction,
          currency,
          unstructured,
          name,
          iban,
          endToEndId,
          reference,
        ]),
      );
      const occurrence = (seen.get(content) ?? 0) + 1;
      seen.set(content, occurrence);
      id = `${options.statementId}:${content}:${occurrence}`;
    }
    return {
      id,
      idSource: ownId === undefined ? 'derived' : 'id_column',
      statementId: options.statementId,
      account,
      bookingDate,
      ...(valueDate !== undefined ? { valueDate } : {}),
      amount,
      currency,
      direction,
      status: 'booked',
      reversal: false,
      transactions: [transaction],
    };
  });
  return {
    format: 'csv',
    statements: [{ id: options.statementId, account, balanceCheck: 'unavailable', entryCount: entries.length }],
    entries,
  };
}
