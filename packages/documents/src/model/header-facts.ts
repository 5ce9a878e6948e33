import type { DocumentModel } from './document-model';
import type { Localizer } from './localizer';
import { paymentStanding } from './payment-status';
import { periodText } from './period';

/**
 * The label/value pairs of a document's header, in print order: number, issue date, due date, the status of a
 * paid or void invoice, service period and the caller's custom fields. Every format shows the same facts.
 * @internal
 */
export function headerFacts(model: DocumentModel, l10n: Localizer): [string, string][] {
  const m = l10n.messages;
  const facts: [string, string][] = [
    [model.kind === 'invoice' ? m.invoiceNumber : m.creditNoteNumber, model.number],
    [model.kind === 'invoice' ? m.issueDate : m.creditNoteDate, l10n.date(model.issuedAt)],
  ];
  if (model.dueAt) facts.push([m.dueDate, l10n.date(model.dueAt)]);
  const standing = model.kind === 'invoice' ? paymentStanding(model) : 'owed';
  if (standing === 'paid') facts.push([m.status, model.paidAt ? `${m.paid}, ${l10n.date(model.paidAt)}` : m.paid]);
  if (standing === 'void') facts.push([m.status, m.void]);
  if (model.periodStart && model.periodEnd) {
    facts.push([m.servicePeriod, periodText(l10n, model.periodStart, model.periodEnd)]);
  }
  for (const field of model.options.customFields) facts.push([field.name, field.value]);
  return facts;
}
