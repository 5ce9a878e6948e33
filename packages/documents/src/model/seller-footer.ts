import type { DocumentMessages } from '../messages/document-messages';
import type { DocumentParty } from './document-model';

/** The parts of a document's footer line: the seller's legal name, VAT id, email and phone. @internal */
export function sellerFooterParts(seller: DocumentParty, messages: DocumentMessages): string[] {
  return [
    seller.legalName ?? seller.name,
    seller.vatId && `${messages.vatId} ${seller.vatId}`,
    seller.email,
    seller.phone,
  ].filter((part): part is string => typeof part === 'string' && part !== '');
}
