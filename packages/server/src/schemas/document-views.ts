import { CreditNoteSchema, IdSchema, InvoiceSchema, InvoiceStatusSchema } from '@billfold/core';
import { DocumentFormatSchema } from '@billfold/documents';
import { z } from 'zod';
import { CursorQuerySchema, LimitQuerySchema } from './page';

/** An invoice as its customer sees it: what was billed and what is still owed, without the host's custom fields. */
export const InvoiceViewSchema = InvoiceSchema.omit({
  metadata: true,
  version: true,
  sequence: true,
  remindersSent: true,
  lastReminderAt: true,
  collectionsDueAt: true,
});

/** An invoice as its customer sees it. */
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

/** A credit note as its customer sees it. */
export const CreditNoteViewSchema = CreditNoteSchema.omit({ metadata: true });

/** A credit note as its customer sees it. */
export type CreditNoteView = z.infer<typeof CreditNoteViewSchema>;

/** The statuses a customer can filter on (drafts are never shown). */
export const VisibleInvoiceStatusSchema = InvoiceStatusSchema.exclude(['draft']);

/** `GET /invoices` filters. `overdue=true` lists the open invoices past their due date. */
export const InvoiceListQuerySchema = z.strictObject({
  status: VisibleInvoiceStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: LimitQuerySchema,
  cursor: CursorQuerySchema,
});

/** `GET /credit-notes` filters. */
export const CreditNoteListQuerySchema = z.strictObject({
  invoiceId: IdSchema.optional(),
  limit: LimitQuerySchema,
  cursor: CursorQuerySchema,
});

/** The path of an invoice document: `/invoices/{invoiceId}/documents/{format}`. */
export const InvoiceDocumentParamsSchema = z.strictObject({ invoiceId: IdSchema, format: DocumentFormatSchema });

/** The path of a credit-note document. */
export const CreditNoteDocumentParamsSchema = z.strictObject({ creditNoteId: IdSchema, format: DocumentFormatSchema });

/** The media types of the documents, by format. */
export const DOCUMENT_MEDIA_TYPES = {
  pdf: 'application/pdf',
  html: 'text/html',
  csv: 'text/csv',
  ubl: 'application/xml',
} as const;

/** The media types of a receipt or a statement: no UBL, as neither is an invoice. */
export const ACCOUNT_DOCUMENT_MEDIA_TYPES = [
  DOCUMENT_MEDIA_TYPES.pdf,
  DOCUMENT_MEDIA_TYPES.html,
  DOCUMENT_MEDIA_TYPES.csv,
] as const;
