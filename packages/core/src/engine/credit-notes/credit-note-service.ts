import type { z } from 'zod';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import type { CreditNote } from '../../domain/credit-note';
import { validate } from '../../errors/validate';
import { billingTelemetry } from '../../telemetry/billing-telemetry';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { type CreditNoteInput, createCreditNote } from './create-credit-note';

/** Which credit notes to list. */
export const CreditNoteFilterSchema = PageRequestSchema.extend({
  invoiceId: IdSchema.optional(),
  customerId: IdSchema.optional(),
}).strict();

/** Which credit notes to list; see {@link CreditNoteFilterSchema}. */
export type CreditNoteFilter = z.input<typeof CreditNoteFilterSchema>;

/** Credit notes: corrections of finalized invoices. */
export interface CreditNoteService {
  /** Issues a credit note; see `createCreditNote`. */
  create(input: CreditNoteInput): Promise<CreditNote>;
  /** @throws BillingError `not_found`. */
  get(creditNoteId: string): Promise<CreditNote>;
  /** Credit notes in id (issue) order. */
  list(filter?: CreditNoteFilter): Promise<Page<CreditNote>>;
}

/** Creates the credit-note service over an engine context. */
export function createCreditNoteService(ctx: EngineContext): CreditNoteService {
  return {
    create: (input) =>
      (ctx.telemetry ?? billingTelemetry).measure('credit_notes', 'create', () => createCreditNote(ctx, input), {
        items: () => 1,
      }),
    async get(creditNoteId) {
      validate(IdSchema, creditNoteId, 'creditNoteId');
      return requireRecord(ctx.storage.creditNotes, creditNoteId, 'credit note', ['creditNoteId']);
    },
    list: async (filter) => ctx.storage.creditNotes.list(validate(CreditNoteFilterSchema, filter ?? {}, 'filter')),
  };
}
