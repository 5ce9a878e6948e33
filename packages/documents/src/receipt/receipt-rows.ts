import type { Localizer } from '../model/localizer';
import { type SummaryRow, summaryRow } from '../model/summary-rows';
import { isZeroDecimal } from '../model/zero-decimal';
import type { ReceiptModel } from './receipt-model';

/** The receipt's header facts: receipt number (the payment id), payment date, method and reference. @internal */
export function receiptFacts(model: ReceiptModel, l10n: Localizer): [string, string][] {
  const m = l10n.messages;
  const facts: [string, string][] = [
    [m.receiptNumber, model.number],
    [m.paymentDate, l10n.date(model.receivedAt)],
    [m.paymentMethod, m.methods[model.method]],
  ];
  if (model.reference !== undefined) facts.push([m.paymentReference, model.reference]);
  for (const field of model.options.customFields) facts.push([field.name, field.value]);
  return facts;
}

/** The receipt's money summary: received, applied to invoices, credited to the balance, refunded. @internal */
export function receiptRows(model: ReceiptModel, l10n: Localizer): SummaryRow[] {
  const m = l10n.messages;
  const row = summaryRow;
  return [
    row('amount_received', m.amountReceived, model.amount, { emphasis: true }),
    row('applied_to_invoices', m.appliedToInvoices, model.applied),
    row('credited_to_balance', m.creditedToBalance, model.unapplied, { visible: !isZeroDecimal(model.unapplied) }),
    row('refunded', m.refunded, model.refunded, { visible: !isZeroDecimal(model.refunded) }),
  ];
}
