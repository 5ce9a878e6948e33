import type { Address } from '@billfold/core';
import type { DocumentParty } from './document-model';
import type { Localizer } from './localizer';

const regionNames = new Map<string, Intl.DisplayNames>();

/** The country's name in the reader's language (`DE` → `Germany` / `Deutschland`). */
function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (names === undefined) {
    names = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

// Countries that write "City, Region Postcode" on one line; the rest write "Postcode City".
const CITY_FIRST = new Set(['US', 'CA', 'AU']);

/** The lines of a postal address as printed on an envelope in its country. @internal */
export function addressLines(address: Address, locale: string): string[] {
  const lines = [address.line1];
  if (address.line2) lines.push(address.line2);
  const postal = address.postalCode ?? '';
  if (CITY_FIRST.has(address.country)) {
    lines.push([`${address.city}${address.region ? `, ${address.region}` : ''}`, postal].filter(Boolean).join(' '));
  } else {
    lines.push([postal, address.city].filter(Boolean).join(' '));
    if (address.region) lines.push(address.region);
  }
  lines.push(countryName(address.country, locale));
  return lines;
}

/** A labelled value of a party block (`VAT ID: DE123456789`). @internal */
export interface PartyDetail {
  readonly label: string;
  readonly value: string;
}

/** What a party block shows: name, address lines and labelled details. @internal */
export function partyBlock(party: DocumentParty, l10n: Localizer): { lines: string[]; details: PartyDetail[] } {
  const m = l10n.messages;
  const lines = [party.name];
  if (party.legalName && party.legalName !== party.name) lines.push(party.legalName);
  if (party.address) lines.push(...addressLines(party.address, l10n.locale));
  const details: PartyDetail[] = [];
  if (party.vatId) details.push({ label: m.vatId, value: party.vatId });
  for (const id of party.taxIds) details.push({ label: id.type, value: id.value });
  if (party.companyId) details.push({ label: m.companyId, value: party.companyId });
  if (party.email) details.push({ label: m.email, value: party.email });
  if (party.phone) details.push({ label: m.phone, value: party.phone });
  return { lines, details };
}
