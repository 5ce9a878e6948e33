import { BillingError, BillingErrorCode, type CreditNote, type Invoice } from '@billfold/core';
import type { ResolvedRenderOptions } from '../render-options';
import { currencyAmount, sumAmounts } from './amounts';
import { cleanLine, cleanText } from './clean-text';
import type { DocumentLine, DocumentModel } from './document-model';
import { invoiceModel } from './invoice-model';
import { lineCategory, lineRates, ratesById, taxesFromLines, vatBreakdownOf } from './line-taxes';

/**
 * The document model of a credit note against `invoice`. Credit-note line amounts are net: tax is added on top
 * (`total = subtotal + taxTotal`). Tax categories come from the invoice's customer snapshot and rates.
 * @internal
 */
export function creditNoteModel(
  creditNote: CreditNote,
  invoice: Invoice,
  options: ResolvedRenderOptions,
): DocumentModel {
  if (creditNote.invoiceId !== invoice.id) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Credit note ${creditNote.number} corrects invoice ${creditNote.invoiceId}, not ${invoice.id}`,
      {
        path: ['creditNote', 'invoiceId'],
      },
    );
  }
  if (creditNote.currency !== invoice.currency) {
    throw new BillingError(BillingErrorCode.invalidInput, 'A credit note must be in the currency of its invoice', {
      path: ['creditNote', 'currency'],
    });
  }
  const base = invoiceModel(invoice, options);
  const { currency } = creditNote;
  const rates = ratesById(invoice.taxRates);
  const withTaxes = creditNote.lines.map((line, index) => {
    const lineRateList = lineRates(line.taxes, rates, ['creditNote', 'lines', index, 'taxes']);
    const documentLine: DocumentLine = {
      position: index + 1,
      description: cleanText(line.description),
      amount: currencyAmount(line.amount, currency),
      discountAmount: currencyAmount('0', currency),
      netAmount: currencyAmount(line.amount, currency),
      taxAmount: sumAmounts(
        line.taxes.map((tax) => tax.amount),
        currency,
      ),
      rates: lineRateList,
      ...lineCategory(base.taxStatus, lineRateList),
    };
    return { ...documentLine, taxes: line.taxes };
  });
  const lines: DocumentLine[] = withTaxes.map(({ taxes: _taxes, ...line }) => line);
  const zero = currencyAmount('0', currency);
  return {
    ...base,
    kind: 'credit_note',
    number: cleanLine(creditNote.number),
    paymentReference: cleanLine(creditNote.number),
    issuedAt: creditNote.issuedAt,
    dueAt: undefined,
    lines,
    taxes: taxesFromLines(withTaxes, currency),
    vatBreakdown: vatBreakdownOf(lines, currency),
    totals: {
      subtotal: currencyAmount(creditNote.subtotal, currency),
      discountTotal: zero,
      netTotal: sumAmounts(
        lines.map((line) => line.netAmount),
        currency,
      ),
      taxTotal: currencyAmount(creditNote.taxTotal, currency),
      roundingAmount: zero,
      total: currencyAmount(creditNote.total, currency),
      creditApplied: zero,
      amountDue: currencyAmount(creditNote.total, currency),
      amountPaid: zero,
      amountCredited: zero,
      amountRemaining: currencyAmount(creditNote.total, currency),
    },
    notes: creditNote.memo === undefined ? [] : [cleanText(creditNote.memo)],
    correction: {
      invoiceNumber: cleanLine(creditNote.invoiceNumber),
      invoiceIssuedAt: base.issuedAt,
      reason: creditNote.reason,
      appliedToInvoice: currencyAmount(creditNote.appliedToInvoice, currency),
      creditedToBalance: currencyAmount(creditNote.creditedToBalance, currency),
    },
  };
}
