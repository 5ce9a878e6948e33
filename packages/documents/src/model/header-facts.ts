import type { DocumentModel } from './document-model';
import type { Localizer } from './localizer';
import { periodText } from './period';

/**
 * The label/value pairs of a document's header, in print order: number, issue date, due date, service period
 * and the caller's custom fields. Every format shows the same facts.
 * @internal
 */
export function headerFacts(model: DocumentModel, l10n: Localizer): [string, string][] {
  const m = l10n.messages;
  const facts: [string, string][] = [
    [model.kind === 'invoice' ? m.invoiceNumber : m.creditNoteNumber, model.number],
    [model.kind === 'invoice' ? m.issueDate : m.creditNoteDate, l10n.date(model.issuedAt)],
  ];
  if (model.dueAt) facts.push([m.dueDate, l10n.date(model.dueAt)]);
  if (model.periodStart && model.periodEnd) {
    facts.push([m.servicePeriod, periodText(l10n, model.periodStart, model.periodEnd)]);
  }
  for (const field of model.options.customFields) facts.push([field.name, field.value]);
  return facts;
}
