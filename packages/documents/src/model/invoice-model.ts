import {
  BillingError,
  BillingErrorCode,
  formatCreditorReference,
  type Invoice,
  invoiceCreditorReference,
} from '@billfold/core';
import { en } from '../messages/en';
import type { ResolvedRenderOptions } from '../render-options';
import { currencyAmount, sumAmounts } from './amounts';
import { cleanLine, cleanText } from './clean-text';
import type { DocumentLine, DocumentModel } from './document-model';
import { lineCategory, lineRates, ratesById, vatBreakdownOf } from './line-taxes';
import { buyerParty, sellerParty } from './parties';

/** Stops a draft (no number, no snapshot) from being rendered as if it were issued. */
function assertFinalized(invoice: Invoice): asserts invoice is Invoice & { number: string } {
  if (invoice.status === 'draft' || invoice.number === undefined) {
    throw new BillingError(BillingErrorCode.invalidState, 'Only a finalized invoice (with a number) can be rendered', {
      path: ['invoice', invoice.number === undefined ? 'number' : 'status'],
    });
  }
  if (invoice.customerSnapshot === undefined) {
    throw new BillingError(BillingErrorCode.invalidState, 'A finalized invoice must carry its customer snapshot', {
      path: ['invoice', 'customerSnapshot'],
    });
  }
}

/**
 * The service period an invoice states: from its lines' first start to their last end when its lines have periods
 * (a final invoice that bills only January's usage states January, not the boundary it was made at); else the
 * invoice's own period.
 */
function statedPeriod(invoice: Invoice): { periodStart?: string; periodEnd?: string } {
  let start: string | undefined;
  let end: string | undefined;
  for (const line of invoice.lines) {
    if (line.periodStart === undefined || line.periodEnd === undefined) continue;
    if (start === undefined || line.periodStart < start) start = line.periodStart;
    if (end === undefined || line.periodEnd > end) end = line.periodEnd;
  }
  if (start !== undefined && end !== undefined) return { periodStart: start, periodEnd: end };
  return {
    ...(invoice.periodStart === undefined ? {} : { periodStart: invoice.periodStart }),
    ...(invoice.periodEnd === undefined ? {} : { periodEnd: invoice.periodEnd }),
  };
}

/** The document model of a validated, finalized invoice. @internal */
export function invoiceModel(invoice: Invoice, options: ResolvedRenderOptions): DocumentModel {
  assertFinalized(invoice);
  const snapshot = invoice.customerSnapshot as NonNullable<Invoice['customerSnapshot']>;
  const { currency } = invoice;
  const rates = ratesById(invoice.taxRates);
  const lines: DocumentLine[] = invoice.lines.map((line, index) => {
    const lineRateList = lineRates(line.taxes, rates, ['invoice', 'lines', index, 'taxes']);
    return {
      position: index + 1,
      description: cleanText(line.description),
      billingCode: line.billingCode === undefined ? undefined : cleanLine(line.billingCode),
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      ...(line.tiers === undefined ? {} : { tiers: line.tiers }),
      amount: currencyAmount(line.amount, currency),
      discountAmount: currencyAmount(line.discountAmount, currency),
      netAmount: currencyAmount(line.taxableAmount, currency),
      taxAmount: sumAmounts(
        line.taxes.map((tax) => tax.amount),
        currency,
      ),
      rates: lineRateList,
      ...lineCategory(snapshot.taxStatus, lineRateList),
    };
  });
  const taxes = invoice.taxes.map((tax, index) => {
    const [rate] = lineRates([tax], rates, ['invoice', 'taxes', index]);
    return {
      rate: rate as NonNullable<typeof rate>,
      taxableAmount: currencyAmount(tax.taxableAmount, currency),
      amount: currencyAmount(tax.amount, currency),
    };
  });
  const creditorReference = invoiceCreditorReference(invoice.number);
  return {
    kind: 'invoice',
    number: cleanLine(invoice.number),
    ...(creditorReference !== undefined ? { creditorReference } : {}),
    paymentReference:
      creditorReference !== undefined ? formatCreditorReference(creditorReference) : cleanLine(invoice.number),
    currency,
    issuedAt: invoice.issuedAt ?? invoice.createdAt,
    dueAt: invoice.dueAt,
    status: invoice.status,
    paidAt: invoice.paidAt,
    timeZone: options.timeZone ?? snapshot.timeZone ?? 'UTC',
    ...statedPeriod(invoice),
    customerId: invoice.customerId,
    seller: sellerParty(options.seller),
    buyer: buyerParty(snapshot),
    taxStatus: snapshot.taxStatus,
    lines,
    taxes,
    vatBreakdown: vatBreakdownOf(lines, currency),
    totals: {
      subtotal: currencyAmount(invoice.subtotal, currency),
      discountTotal: currencyAmount(invoice.discountTotal, currency),
      netTotal: sumAmounts(
        lines.map((line) => line.netAmount),
        currency,
      ),
      taxTotal: currencyAmount(invoice.taxTotal, currency),
      roundingAmount: currencyAmount(invoice.roundingAmount, currency),
      total: currencyAmount(invoice.total, currency),
      creditApplied: currencyAmount(invoice.creditApplied, currency),
      amountDue: currencyAmount(invoice.amountDue, currency),
      amountPaid: currencyAmount(invoice.amountPaid, currency),
      amountCredited: currencyAmount(invoice.amountCredited, currency),
      amountRemaining: currencyAmount(invoice.amountRemaining, currency),
    },
    // The reverse-charge note is printed in the reader's language; drop core's English copy of it.
    notes: invoice.notes.map(cleanText).filter((note) => note !== '' && note !== en.reverseChargeNote),
    options,
  };
}
