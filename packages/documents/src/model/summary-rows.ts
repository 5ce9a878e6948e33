import { isZeroDecimal } from './zero-decimal';
import type { DocumentModel, DocumentTax } from './document-model';
import type { Localizer } from './localizer';
import { money } from '@billfold/core';
import { negated, sameAmount } from './amounts';

/** Stable keys of summary rows (CSV `summary` column). */
export type SummaryKey =
  | 'subtotal'
  | 'discount_total'
  | 'net_total'
  | 'tax'
  | 'tax_total'
  | 'rounding'
  | 'total'
  | 'credit_applied'
  | 'amount_due'
  | 'credited_to_balance'
  | 'amount_paid'
  | 'amount_credited'
  | 'amount_remaining'
  | 'applied_to_invoice'
  | 'amount_received'
  | 'applied_to_invoices'
  | 'refunded';

/** One row of a document's money summary. @internal */
export interface SummaryRow {
  readonly key: SummaryKey;
  readonly label: string;
  /** As on the document: discounts and credits are positive and {@link SummaryRow.subtracted}. */
  readonly amount: string;
  readonly subtracted: boolean;
  /** Bold: the total and the amount due. */
  readonly emphasis: boolean;
  /** Whether people need to see it (zero discounts, rounding and credits are left out of HTML and PDF). */
  readonly visible: boolean;
  readonly tax?: DocumentTax;
}

/** One summary row: shown, not subtracted, not emphasised unless `extra` says so. @internal */
export function summaryRow(
  key: SummaryKey,
  label: string,
  amount: string,
  extra: Partial<SummaryRow> = {},
): SummaryRow {
  return { key, label, amount, subtracted: false, emphasis: false, visible: true, ...extra };
}

/** The summary rows of a document in print order; CSV takes all of them, HTML and PDF the visible ones. @internal */
export function summaryRows(model: DocumentModel, l10n: Localizer): SummaryRow[] {
  const m = l10n.messages;
  const t = model.totals;
  const row = summaryRow;
  const taxRows = model.taxes.map((tax) =>
    row('tax', m.taxOn(tax.rate.name, l10n.percent(tax.rate.percentage), l10n.money(tax.taxableAmount)), tax.amount, {
      tax,
    }),
  );
  const negativeTotal = t.total.startsWith('-');
  const zero = money('0', model.currency).toString();
  // Once something is paid or credited, show what is left.
  const settled = !isZeroDecimal(t.amountPaid) || !isZeroDecimal(t.amountCredited);
  if (model.correction !== undefined) {
    return [
      row('subtotal', m.subtotal, t.subtotal),
      ...taxRows,
      row('tax_total', m.taxRate, t.taxTotal, { visible: false }),
      row('total', m.totalCredited, t.total, { emphasis: true }),
      row('applied_to_invoice', m.appliedToInvoice, model.correction.appliedToInvoice),
      row('credited_to_balance', m.creditedToBalance, model.correction.creditedToBalance),
    ];
  }
  return [
    row('subtotal', m.subtotal, t.subtotal),
    row('discount_total', m.discount, t.discountTotal, { subtracted: true, visible: !isZeroDecimal(t.discountTotal) }),
    row('net_total', m.netTotal, t.netTotal, { visible: !sameAmount(t.netTotal, t.subtotal, model.currency) }),
    ...taxRows,
    row('tax_total', m.taxRate, t.taxTotal, { visible: false }),
    row('rounding', m.rounding, t.roundingAmount, { visible: !isZeroDecimal(t.roundingAmount) }),
    row('total', m.total, t.total, { emphasis: true }),
    // A negative total applied no credit: it went to the balance, shown as such.
    row('credit_applied', m.creditApplied, t.creditApplied, {
      subtracted: true,
      visible: !isZeroDecimal(t.creditApplied) && !negativeTotal,
    }),
    row('credited_to_balance', m.creditedToBalance, negativeTotal ? negated(t.total) : zero, {
      visible: negativeTotal,
    }),
    row('amount_due', m.amountDue, t.amountDue, { emphasis: true }),
    row('amount_paid', m.amountPaid, t.amountPaid, { subtracted: true, visible: settled }),
    row('amount_credited', m.amountCredited, t.amountCredited, {
      subtracted: true,
      visible: settled && !isZeroDecimal(t.amountCredited),
    }),
    row('amount_remaining', m.amountRemaining, t.amountRemaining, { emphasis: true, visible: settled }),
  ];
}
