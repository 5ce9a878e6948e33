import { type CreditNote, CreditNoteSchema, type Invoice, InvoiceSchema, validate } from '@billfold/core';
import { renderCsv } from './csv/document-csv';
import { renderHtml } from './html/render-html';
import { RECORD_TEXT } from './model/clean-text';
import { creditNoteModel } from './model/credit-note-model';
import type { DocumentModel } from './model/document-model';
import { invoiceModel } from './model/invoice-model';
import { localizerFor, type RenderedDocument, renderedDocument } from './document-output';
import { measureRender } from './measure-render';
import { renderPdf } from './pdf/render-pdf';
import {
  type DocumentFormat,
  type RenderOptions,
  RenderOptionsSchema,
  type ResolvedRenderOptions,
} from './render-options';
import { renderUbl } from './ubl/ubl-document';

async function render<F extends DocumentFormat>(
  model: DocumentModel,
  options: ResolvedRenderOptions,
  customerLocale: string | undefined,
  inputs: readonly (readonly [string, unknown])[],
): Promise<RenderedDocument<F>> {
  const l10n = localizerFor(options, customerLocale, model.timeZone, model.currency);
  // One renderer per format: a format added to DocumentFormat without one is a compile error here.
  const renderers: Record<DocumentFormat, () => string | Promise<Uint8Array>> = {
    html: () => renderHtml(model, l10n),
    pdf: () => renderPdf(model, l10n, inputs),
    csv: () => renderCsv(model, l10n),
    ubl: () => renderUbl(model),
  };
  return renderedDocument(await renderers[options.format](), options.format as F, model.number);
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
  return measureRender('invoice', options, async () => {
    const resolved = validate(RenderOptionsSchema, options, 'options');
    const valid = validate(InvoiceSchema, invoice, 'invoice', RECORD_TEXT);
    return render<F>(invoiceModel(valid, resolved), resolved, valid.customerSnapshot?.locale, [
      ['invoice', valid],
      ['options', resolved],
    ]);
  });
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
  return measureRender('credit_note', options, async () => {
    const resolved = validate(RenderOptionsSchema, options, 'options');
    const validNote = validate(CreditNoteSchema, creditNote, 'creditNote', RECORD_TEXT);
    const validInvoice = validate(InvoiceSchema, invoice, 'invoice', RECORD_TEXT);
    return render<F>(
      creditNoteModel(validNote, validInvoice, resolved),
      resolved,
      validInvoice.customerSnapshot?.locale,
      [
        ['creditNote', validNote],
        ['invoice', validInvoice],
        ['options', resolved],
      ],
    );
  });
}
