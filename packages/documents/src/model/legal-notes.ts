import type { DocumentMessages } from '../messages/document-messages';
import type { DocumentModel } from './document-model';

/** The legal notes a document must carry for its tax status: the reverse-charge or exemption note. @internal */
export function legalNotes(model: DocumentModel, messages: DocumentMessages): string[] {
  switch (model.taxStatus) {
    case 'reverse_charge':
      return [messages.reverseChargeNote];
    case 'exempt':
      return [messages.exemptNote];
    case 'taxable':
      return [];
    default: {
      const never: never = model.taxStatus;
      throw new Error(`unknown tax status ${String(never)}`);
    }
  }
}
