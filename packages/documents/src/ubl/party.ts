import type { DocumentParty } from '../model/document-model';
import { group, leaf, type XmlElement } from './xml';

const VAT_SCHEME = group('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]);

/** A postal address (BG-5 / BG-8). @internal */
export function postalAddress(party: DocumentParty): XmlElement | undefined {
  const address = party.address;
  if (address === undefined) return undefined;
  return group('cac:PostalAddress', [
    leaf('cbc:StreetName', address.line1),
    leaf('cbc:AdditionalStreetName', address.line2),
    leaf('cbc:CityName', address.city),
    leaf('cbc:PostalZone', address.postalCode),
    leaf('cbc:CountrySubentity', address.region),
    group('cac:Country', [leaf('cbc:IdentificationCode', address.country)]),
  ]);
}

/**
 * A `cac:Party` for seller or buyer: trading name, postal address, VAT id (PartyTaxScheme), legal name and
 * registration (PartyLegalEntity) and contact.
 * @internal
 */
export function party(party: DocumentParty): XmlElement {
  return group('cac:Party', [
    group('cac:PartyName', [leaf('cbc:Name', party.name)]),
    postalAddress(party),
    party.vatId !== undefined && group('cac:PartyTaxScheme', [leaf('cbc:CompanyID', party.vatId), VAT_SCHEME]),
    group('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.legalName ?? party.name),
      leaf('cbc:CompanyID', party.companyId),
    ]),
    group('cac:Contact', [leaf('cbc:Telephone', party.phone), leaf('cbc:ElectronicMail', party.email)]),
  ]) as XmlElement;
}
