import { type CreditNote, CreditNoteSchema, type Invoice, InvoiceSchema, validate } from '@billfold/core';
import { renderCsv } from './csv/document-csv';
import { renderHtml } from './html/render-html';
import { catalogFor, messagesFor } from './messages/document-messages';
import { RECORD_TEXT } from './model/clean-text';
import { creditNoteModel } from './model/credit-note-model';
import type { DocumentModel } from './model/document-model';
import { invoiceModel } from './model/invoice-model';
import { createLocalizer } from './model/localizer';
import { renderPdf } from './pdf/render-pdf';
import {
  type DocumentFormat,
  type RenderOptions,
  RenderOptionsSchema,
  type ResolvedRenderOptions,
} from './render-options';
import { renderUbl } from './ubl/ubl-document';

/** A rendered document: its bytes (PDF) or text (HTML, CSV, XML), MIME type and a file name. */
export interface RenderedDocument<F extends DocumentFormat = DocumentFormat> {
  readonly body: F extends 'pdf' ? Uint8Array : string;
  readonly mimeType: string;
  /** The document number made file-safe plus the format's extension: `INV-2026-000123.pdf`. */
  readonly fileName: string;
}

const FILE_TYPES: Record<DocumentFormat, { mimeType: string; extension: string }> = {
  html: { mimeType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { mimeType: 'application/pdf', extension: 'pdf' },
  csv: { mimeType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  ubl: { mimeType: 'application/xml; charset=utf-8', extension: 'xml' },
};

function fileName(number: string, format: DocumentFormat): string {
  const safe =
    number
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'document';
  return `${safe}.${FILE_TYPES[format].extension}`;
}

/** The caller's locale, else the customer's if `Intl` knows it, else English. */
function localeOf(options: ResolvedRenderOptions, customerLocale: string | undefined): string {
  if (options.locale !== undefined) return options.locale;
  try {
    if (customerLocale) return Intl.getCanonicalLocales(customerLocale)[0] ?? 'en';
  } catch {
    // an unusable stored locale falls back to English rather than failing the document
  }
  return 'en';
}

async function render<F extends DocumentFormat>(
  model: DocumentModel,
  options: ResolvedRenderOptions,
  customerLocale: string | undefined,
): Promise<RenderedDocument<F>> {
  const requested = localeOf(options, customerLocale);
  // A language without a catalog renders wholly in English, labels and formats alike, not half and half.
  const messages = options.messages ?? catalogFor(requested);
  const locale = messages === undefined ? 'en' : requested;
  const l10n = createLocalizer(locale, options.timeZone, model.currency, messages ?? messagesFor('en'));
  const format = options.format;
  let body: string | Uint8Array;
  switch (format) {
    case 'html':
      body = renderHtml(model, l10n);
      break;
    case 'pdf':
      body = await renderPdf(model, l10n);
      break;
    case 'csv':
      body = renderCsv(model, l10n);
      break;
    case 'ubl':
      body = renderUbl(model);
      break;
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
  return {
    body: body as RenderedDocument<F>['body'],
    mimeType: FILE_TYPES[format].mimeType,
    fileName: fileName(model.number, format),
  };
}

/**
 * Renders a finalized invoice as an HTML page, a PDF, a CSV or a UBL 2.1 (EN 16931) e-invoice.
 * Pure: no I/O besides reading the default fonts in Node, the same input gives the same output.
 *
 * @throws BillingError `invalid_input` with the `path` of a bad option or invoice field;
 *   `invalid_state` for a draft (no number) or an invoice without customer snapshot.
 * @example
 * ```ts
 * const seller = { name: 'Acme GmbH', address: { line1: 'Hauptstr. 1', city: 'Berlin', country: 'DE' }, vatId: 'DE123456789' };
 * const pdf = await renderInvoice(invoice, { format: 'pdf', locale: 'de-DE', seller });
 * await writeFile(pdf.fileName, pdf.body); // INV-2026-000123.pdf
 * ```
 */
export async function renderInvoice<F extends DocumentFormat>(
  invoice: Invoice,
  options: RenderOptions & { readonly format: F },
): Promise<RenderedDocument<F>> {
  const resolved = validate(RenderOptionsSchema, options, 'options');
  const valid = validate(InvoiceSchema, invoice, 'invoice', RECORD_TEXT);
  return render<F>(invoiceModel(valid, resolved), resolved, valid.customerSnapshot?.locale);
}

/**
 * Renders a credit note in any format, referring to the invoice it corrects (number and date; in UBL a
 * `BillingReference`). Taxes are categorised from the invoice's customer snapshot and rates.
 *
 * @throws BillingError `invalid_input` with a `path` for bad options, a malformed credit note or invoice, or a
 *   credit note that does not belong to `invoice`; `invalid_state` when `invoice` is not finalized.
 * @example
 * ```ts
 * const xml = await renderCreditNote(creditNote, invoice, { format: 'ubl', seller });
 * ```
 */
export async function renderCreditNote<F extends DocumentFormat>(
  creditNote: CreditNote,
  invoice: Invoice,
  options: RenderOptions & { readonly format: F },
): Promise<RenderedDocument<F>> {
  const resolved = validate(RenderOptionsSchema, options, 'options');
  const validNote = validate(CreditNoteSchema, creditNote, 'creditNote', RECORD_TEXT);
  const validInvoice = validate(InvoiceSchema, invoice, 'invoice', RECORD_TEXT);
  return render<F>(creditNoteModel(validNote, validInvoice, resolved), resolved, validInvoice.customerSnapshot?.locale);
}
