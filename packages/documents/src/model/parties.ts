import { type CustomerSnapshot, isVatId, type TaxId } from '@billfold/core';
import type { ResolvedRenderOptions } from '../render-options';
import { cleanLine } from './clean-text';
import type { DocumentParty } from './document-model';

const cleanAddress = (address: NonNullable<CustomerSnapshot['address']>) => ({
  line1: cleanLine(address.line1),
  line2: address.line2 === undefined ? undefined : cleanLine(address.line2),
  city: cleanLine(address.city),
  postalCode: address.postalCode === undefined ? undefined : cleanLine(address.postalCode),
  region: address.region === undefined ? undefined : cleanLine(address.region),
  country: address.country,
});

const cleanIds = (ids: readonly TaxId[]) => ids.map((id) => ({ type: cleanLine(id.type), value: cleanLine(id.value) }));

/** The buyer as frozen on the invoice; its first VAT-type tax id is the VAT id. @internal */
export function buyerParty(snapshot: CustomerSnapshot): DocumentParty {
  const ids = cleanIds(snapshot.taxIds);
  const vat = ids.find(isVatId);
  return {
    name: cleanLine(snapshot.name),
    address: snapshot.address === undefined ? undefined : cleanAddress(snapshot.address),
    vatId: vat?.value,
    taxIds: ids.filter((id) => id !== vat),
    email: snapshot.email === '' ? undefined : cleanLine(snapshot.email),
  };
}

/** The seller from the validated profile; without `vatId`, a VAT-type entry of `taxIds` is the VAT id. @internal */
export function sellerParty(seller: ResolvedRenderOptions['seller']): DocumentParty {
  const ids = cleanIds(seller.taxIds);
  const vat = seller.vatId === undefined ? ids.find(isVatId) : undefined;
  return {
    name: cleanLine(seller.name),
    legalName: seller.legalName === undefined ? undefined : cleanLine(seller.legalName),
    address: cleanAddress(seller.address),
    vatId: seller.vatId === undefined ? vat?.value : cleanLine(seller.vatId),
    taxIds: ids.filter((id) => id !== vat),
    companyId: seller.companyId === undefined ? undefined : cleanLine(seller.companyId),
    email: seller.email,
    phone: seller.phone === undefined ? undefined : cleanLine(seller.phone),
  };
}
