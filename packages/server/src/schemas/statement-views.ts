import { StatementFormatSchema } from '@billfold/documents';
import { z } from 'zod';

/** A calendar month, `YYYY-MM` (1970 or later), read in the customer's time zone. */
export const StatementMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .refine((month) => month >= '1970-01', 'a month from 1970 on');

/** The path of a monthly statement: `/statements/{month}/documents/{format}` (`html`, `pdf` or `csv`). */
export const StatementDocumentParamsSchema = z.strictObject({
  month: StatementMonthSchema,
  format: StatementFormatSchema,
});
