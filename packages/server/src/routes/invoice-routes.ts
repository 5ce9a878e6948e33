import { IdSchema } from '@billfold/core';
import { z } from 'zod';
import {
  CreditNoteDocumentParamsSchema,
  CreditNoteListQuerySchema,
  CreditNoteViewSchema,
  DOCUMENT_MEDIA_TYPES,
  InvoiceDocumentParamsSchema,
  InvoiceListQuerySchema,
  InvoiceViewSchema,
} from '../schemas/document-views';
import { pageOf } from '../schemas/page';
import { defineRoute, okJson } from './route-contract';

const invoiceParams = z.strictObject({ invoiceId: IdSchema });
const creditNoteParams = z.strictObject({ creditNoteId: IdSchema });
const documentFile = { kind: 'file', mediaTypes: Object.values(DOCUMENT_MEDIA_TYPES) } as const;

/** Invoices and credit notes: lists, details, their documents in every format, and a CSV of all invoices. */
export const invoiceRoutes = {
  listInvoices: defineRoute({
    method: 'GET',
    path: '/invoices',
    tag: 'invoices',
    summary: 'Invoices, oldest first, by status or overdue',
    auth: 'session',
    permission: 'read',
    state: 'live',
    query: InvoiceListQuerySchema,
    response: okJson(pageOf(InvoiceViewSchema)),
  }),
  exportInvoices: defineRoute({
    method: 'GET',
    path: '/invoices.csv',
    tag: 'invoices',
    summary: 'Every invoice as one CSV',
    auth: 'session',
    permission: 'read',
    state: 'live',
    response: { kind: 'file', mediaTypes: ['text/csv'] },
  }),
  getInvoice: defineRoute({
    method: 'GET',
    path: '/invoices/{invoiceId}',
    tag: 'invoices',
    summary: 'One invoice with its lines and taxes',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: invoiceParams,
    owns: 'invoice',
    response: okJson(InvoiceViewSchema),
  }),
  getInvoiceDocument: defineRoute({
    method: 'GET',
    path: '/invoices/{invoiceId}/documents/{format}',
    tag: 'invoices',
    summary: 'The invoice as PDF, HTML, CSV or UBL 2.1 XML',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: InvoiceDocumentParamsSchema,
    owns: 'invoice',
    response: documentFile,
  }),
  listCreditNotes: defineRoute({
    method: 'GET',
    path: '/credit-notes',
    tag: 'credit notes',
    summary: 'Credit notes, oldest first',
    auth: 'session',
    permission: 'read',
    state: 'live',
    query: CreditNoteListQuerySchema,
    response: okJson(pageOf(CreditNoteViewSchema)),
  }),
  getCreditNote: defineRoute({
    method: 'GET',
    path: '/credit-notes/{creditNoteId}',
    tag: 'credit notes',
    summary: 'One credit note',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: creditNoteParams,
    owns: 'creditNote',
    response: okJson(CreditNoteViewSchema),
  }),
  getCreditNoteDocument: defineRoute({
    method: 'GET',
    path: '/credit-notes/{creditNoteId}/documents/{format}',
    tag: 'credit notes',
    summary: 'The credit note as PDF, HTML, CSV or UBL 2.1 XML',
    auth: 'session',
    permission: 'read',
    state: 'live',
    params: CreditNoteDocumentParamsSchema,
    owns: 'creditNote',
    response: documentFile,
  }),
} as const;
