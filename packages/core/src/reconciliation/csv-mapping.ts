import { z } from 'zod';
import { CurrencySchema } from '../money/schemas';
import type { DeeplyReadonly } from '../pricing/price-schema';

/** A CSV column: its header text (when the file has a header line) or its 0-based position. */
export const CsvColumnSchema = z.union([z.string().min(1).max(100), z.number().int().min(0).max(1000)]);

/** A CSV column, see {@link CsvColumnSchema}. */
export type CsvColumn = z.infer<typeof CsvColumnSchema>;

/** How dates are written in a CSV export. */
export const CsvDateFormatSchema = z.enum([
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'YYYYMMDD',
]);

/** How dates are written in a CSV export. */
export type CsvDateFormat = z.infer<typeof CsvDateFormatSchema>;

/**
 * How a bank's CSV export maps onto statement entries: the separators and formats it uses and which column holds
 * what. Without a `direction` column the amount's sign says it (negative = money out).
 * @example
 * ```ts
 * // A German export: "Buchungstag;Betrag;Verwendungszweck" with "31.01.2026;1.234,50;INV-2026-000123"
 * const mapping: CsvStatementMapping = {
 *   account: 'DE89370400440532013000', currency: 'EUR', delimiter: ';', decimalSeparator: ',',
 *   thousandsSeparator: '.', dateFormat: 'DD.MM.YYYY',
 *   columns: { bookingDate: 'Buchungstag', amount: 'Betrag', remittance: 'Verwendungszweck' },
 * };
 * ```
 */
export const CsvStatementMappingSchema = z
  .strictObject({
    /** The account the export is for (its IBAN): part of every entry's identity. */
    account: z.string().min(1).max(70),
    /** A name for this file in results (default `csv`). */
    statementId: z.string().min(1).max(100).default('csv'),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    decimalSeparator: z.enum(['.', ',']).default('.'),
    /** Grouping separator inside amounts (`1.234,50`): removed before reading; none by default. */
    thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]).default(''),
    dateFormat: CsvDateFormatSchema.default('YYYY-MM-DD'),
    /** Whether the first record (after `skipLines`) names the columns (default true). */
    header: z.boolean().default(true),
    /** Lines of preamble before the header or the first record (account name, period). */
    skipLines: z.number().int().min(0).max(100).default(0),
    /** Character encoding of byte input (default UTF-8; many exports are `windows-1252`). */
    encoding: z.string().min(1).max(40).optional(),
    /** The currency of every row, when no column gives it. */
    currency: CurrencySchema.optional(),
    columns: z.strictObject({
      /** A bank reference unique per row; without it each row's id is derived from its content. */
      id: CsvColumnSchema.optional(),
      bookingDate: CsvColumnSchema,
      valueDate: CsvColumnSchema.optional(),
      amount: CsvColumnSchema,
      currency: CsvColumnSchema.optional(),
      /** A credit/debit column and the words it uses (`{ column: "S/H", credit: ["H"], debit: ["S"] }`). */
      direction: z
        .strictObject({
          column: CsvColumnSchema,
          credit: z.array(z.string().min(1).max(40)).min(1).max(10),
          debit: z.array(z.string().min(1).max(40)).min(1).max(10),
        })
        .optional(),
      /** Remittance text: one column or several, read in order. */
      remittance: z.union([CsvColumnSchema, z.array(CsvColumnSchema).min(1).max(10)]).optional(),
      counterpartyName: CsvColumnSchema.optional(),
      counterpartyIban: CsvColumnSchema.optional(),
      endToEndId: CsvColumnSchema.optional(),
      creditorReference: CsvColumnSchema.optional(),
    }),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.currency === undefined && mapping.columns.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'give a currency or a currency column' });
    }
    if (mapping.thousandsSeparator === mapping.decimalSeparator) {
      ctx.addIssue({ code: 'custom', path: ['thousandsSeparator'], message: 'must differ from the decimal separator' });
    }
    if (!mapping.header) {
      for (const [name, column] of Object.entries(mapping.columns)) {
        const columns = typeof column === 'object' && !Array.isArray(column) ? [column.column] : [column].flat();
        if (columns.some((c) => typeof c === 'string')) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', name],
            message: 'without a header line, name columns by position',
          });
        }
      }
    }
  });

/** A CSV mapping as given (read-only is fine); see {@link CsvStatementMappingSchema}. */
export type CsvStatementMapping = DeeplyReadonly<z.input<typeof CsvStatementMappingSchema>>;
