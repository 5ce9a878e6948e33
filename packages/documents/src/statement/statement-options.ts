import { z } from 'zod';
import { RenderOptionsSchema } from '../render-options';
import type { StatementMessages } from './statement-messages';

/** The formats of a statement: a printable HTML page, a PDF, a CSV for accountants (no UBL: a statement is no invoice). */
export const StatementFormatSchema = z.enum(['html', 'pdf', 'csv']);

/** One of the statement formats, see {@link StatementFormatSchema}. */
export type StatementFormat = z.infer<typeof StatementFormatSchema>;

const StatementMessagesSchema = z.custom<StatementMessages>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StatementMessages).statement === 'string' &&
    typeof (value as StatementMessages).openItemsAsOf === 'function',
  { message: 'expected a statement catalog shaped like the English one (`englishStatementMessages`)' },
);

/**
 * Options of {@link renderStatement}: those of the invoice documents (seller, locale, paper, fonts, custom fields),
 * `html`, `pdf` or `csv` as format, and `statementMessages` for a language without a built-in catalog (with
 * `messages` for the words shared with invoices). `locale` defaults to the customer's; dates are shown in the
 * customer's time zone unless `timeZone` says otherwise.
 */
export const StatementOptionsSchema = RenderOptionsSchema.extend({
  format: StatementFormatSchema,
  timeZone: RenderOptionsSchema.shape.timeZone.unwrap().optional(),
  statementMessages: StatementMessagesSchema.optional(),
});

/** Options of {@link renderStatement} as passed in. */
export type StatementOptions = z.input<typeof StatementOptionsSchema>;

/** Statement options after validation and defaults. @internal */
export type ResolvedStatementOptions = z.output<typeof StatementOptionsSchema>;
