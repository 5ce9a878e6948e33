import type { DocumentMessages } from '../messages/document-messages';
import type { DocumentModel } from './document-model';

/**
 * The legal notes a document must carry: the reverse-charge or exemption note of the customer's tax status, and
 * for lines whose own rate makes them exempt or not subject to VAT, the reason the rate gives (with its VATEX
 * code).
 * @internal
 */
export function legalNotes(model: DocumentModel, messages: DocumentMessages): string[] {
  switch (model.taxStatus) {
    case 'reverse_charge':
      return [messages.reverseChargeNote];
    case 'exempt':
      return [messages.exemptNote];
    case 'taxable': {
      const reasons = model.vatBreakdown.flatMap((row) => {
        const exemption = row.exemption;
        if (exemption === undefined) return [];
        const text = exemption.reason ?? exemption.code ?? '';
        return [exemption.reason !== undefined && exemption.code !== undefined ? `${text} (${exemption.code})` : text];
      });
      return [...new Set(reasons)];
    }
    default: {
      const never: never = model.taxStatus;
      throw new Error(`unknown tax status ${String(never)}`);
    }
  }
}
