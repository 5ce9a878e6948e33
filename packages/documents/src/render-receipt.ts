import { type Invoice, InvoiceSchema, type Payment, PaymentSchema, validate } from '@billfold/core';
import { z } from 'zod';
import { localizerFor, type RenderedDocument, renderedDocument } from './document-output';
import { RECORD_TEXT } from './model/clean-text';
import { receiptCsv } from './receipt/receipt-csv';
import { receiptHtml } from './receipt/receipt-html';
import { receiptModel } from './receipt/receipt-model';
import { type ReceiptFormat, type ReceiptOptions, ReceiptOptionsSchema } from './receipt/receipt-options';
import { receiptPdf } from './receipt/receipt-pdf';
import { measureRender } from './measure-render';

const InvoicesSchema = z.array(InvoiceSchema).max(1000);

/**
 * Renders a payment confirmation (a receipt) as an HTML page, a PDF or a CSV: the amount received, when and how,
 * the invoices it paid (pass them: every invoice the payment was allocated to), the credit it left on the
 * customer's balance and what was refunded. Dates are in the customer's time zone unless `timeZone` is given.
 * There is no UBL receipt: an EN 16931 e-invoice is a tax invoice, and a receipt is none.
 *
 * @throws BillingError `invalid_input` with a `path` for bad options, a malformed payment or invoice, an
 *   allocation whose invoice is missing, invoices of another customer or currency; `invalid_state` for a payment
 *   that is pending or failed.
 * @example
 * ```ts
 * const payment = await billing.payments.record({ customerId, amount: '119.00', currency: 'EUR', method: 'cash' });
 * const invoices = await Promise.all(payment.allocations.map((a) => billing.invoices.get(a.invoiceId)));
 * const pdf = await renderReceipt(payment, invoices, { format: 'pdf', seller });
 * await writeFile(pdf.fileName, pdf.body); // receipt-pay_01J….pdf
 * ```
 */
export async function renderReceipt<F extends ReceiptFormat>(
  payment: Payment,
  invoices: readonly Invoice[],
  options: ReceiptOptions & { readonly format: F },
): Promise<RenderedDocument<F>> {
  return measureRender('receipt', options, async () => {
    const resolved = validate(ReceiptOptionsSchema, options, 'options');
    const validPayment = validate(PaymentSchema, payment, 'payment', RECORD_TEXT);
    const validInvoices = validate(InvoicesSchema, invoices, 'invoices', RECORD_TEXT);
    const model = receiptModel(validPayment, validInvoices, resolved);
    const customerLocale = resolved.customer?.locale ?? validInvoices.at(-1)?.customerSnapshot?.locale;
    const l10n = localizerFor(resolved, customerLocale, model.timeZone, model.currency);
    const renderers: Record<ReceiptFormat, () => string | Promise<Uint8Array>> = {
      html: () => receiptHtml(model, l10n),
      pdf: () =>
        receiptPdf(model, l10n, [
          ['payment', validPayment],
          ['invoices', validInvoices],
          ['options', resolved],
        ]),
      csv: () => receiptCsv(model, l10n),
    };
    return renderedDocument(await renderers[resolved.format](), resolved.format as F, `receipt-${model.number}`);
  });
}
