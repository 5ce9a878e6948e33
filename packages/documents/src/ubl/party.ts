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
 * A `cac:Party` for seller or buyer: trading name, postal address, VAT id (PartyTaxScheme with scheme `VAT`:
 * BT-31/BT-48, left out when the invoice is not subject to VAT, BR-O-02), the seller's tax registration (its
 * first non-VAT tax id, scheme `FC`: BT-32), legal name and registration (PartyLegalEntity) and contact.
 * @internal
 */
export function party(party: DocumentParty, options: { seller: boolean; withVatId: boolean }): XmlElement {
  const registration = options.seller ? party.taxIds[0] : undefined;
  return group('cac:Party', [
    group('cac:PartyName', [leaf('cbc:Name', party.name)]),
    postalAddress(party),
    options.withVatId &&
      party.vatId !== undefined &&
      group('cac:PartyTaxScheme', [leaf('cbc:CompanyID', party.vatId), VAT_SCHEME]),
    registration !== undefined &&
      group('cac:PartyTaxScheme', [
        leaf('cbc:CompanyID', registration.value),
        group('cac:TaxScheme', [leaf('cbc:ID', 'FC')]),
      ]),
    group('cac:PartyLegalEntity', [
      leaf('cbc:RegistrationName', party.legalName ?? party.name),
      leaf('cbc:CompanyID', party.companyId),
    ]),
    group('cac:Contact', [leaf('cbc:Telephone', party.phone), leaf('cbc:ElectronicMail', party.email)]),
  ]) as XmlElement;
}
