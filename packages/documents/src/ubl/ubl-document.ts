import type { DocumentModel } from '../model/document-model';
import { legalNotes } from '../model/legal-notes';
import { isoDay } from '../model/localizer';
import { lastDay } from '../model/period';
import { en } from '../messages/en';
import { money } from '@billfold/core';
import { checkUblTotals } from './check-totals';
import { assertRepresentable } from './representable';
import { party } from './party';
import { monetaryTotal, taxTotal } from './tax';
import { ublLine } from './ubl-lines';
import { group, leaf, serializeXml, type XmlElement } from './xml';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  credit_note: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

/** EN 16931 core, the specification every UBL e-invoice of Billfold claims (BT-24). */
export const EN16931_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017';

/**
 * The payment means code (UNCL 4461): `58` SEPA credit transfer only for euros to an IBAN (SEPA credit transfers
 * are in euro), `30` credit transfer for any other account or currency, `1` (not defined) for instructions only.
 * @internal
 */
export function paymentMeansCode(currency: string, account: string | undefined): '58' | '30' | '1' {
  if (account === undefined) return '1';
  return currency === 'EUR' && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(account) ? '58' : '30';
}

/** How to pay (BG-16): credit transfer to the seller's account and/or free-text instructions; none when nothing is payable. */
function paymentMeans(model: DocumentModel, payable: string): XmlElement | undefined {
  const seller = model.options.seller;
  const account = seller.bankAccount;
  if (account === undefined && seller.paymentInstructions === undefined) return undefined;
  const owed = money(payable, model.currency);
  if (owed.isZero() || owed.isNegative()) return undefined;
  const iban = account?.iban.replace(/\s+/g, '');
  const code = paymentMeansCode(model.currency, iban);
  return group('cac:PaymentMeans', [
    leaf('cbc:PaymentMeansCode', code),
    leaf('cbc:InstructionNote', seller.paymentInstructions),
    leaf('cbc:PaymentID', model.creditorReference ?? model.number),
    account &&
      group('cac:PayeeFinancialAccount', [
        leaf('cbc:ID', iban),
        leaf('cbc:Name', account.accountName),
        account.bic !== undefined && group('cac:FinancialInstitutionBranch', [leaf('cbc:ID', account.bic)]),
      ]),
  ]);
}

/**
 * Where an intra-community supply went (BG-15, BR-IC-12): the buyer's country, the supply being to their address.
 * The invoicing period dates it (BR-IC-11, checked by `assertRepresentable`).
 */
function intraCommunityDelivery(model: DocumentModel): XmlElement | undefined {
  const country = model.buyer.address?.country;
  if (country === undefined || !model.lines.some((line) => line.category === 'K')) return undefined;
  return group('cac:Delivery', [
    group('cac:DeliveryLocation', [
      group('cac:Address', [group('cac:Country', [leaf('cbc:IdentificationCode', country)])]),
    ]),
  ]);
}

/**
 * A UBL 2.1 Invoice (type 380) or CreditNote (type 381) following EN 16931: seller and buyer with VAT ids,
 * lines with their VAT category, tax subtotals per category and rate, monetary totals, payment means and
 * terms; a credit note refers to the invoice it corrects (BG-3). Amounts carry the currency's decimals.
 * @internal
 */
export function renderUbl(model: DocumentModel): string {
  assertRepresentable(model);
  const { taxInclusive, payment } = checkUblTotals(model);
  const vatIds = !model.lines.some((line) => line.category === 'O');
  const tz = model.timeZone;
  const invoice = model.kind === 'invoice';
  const notes = [
    ...legalNotes(model, en),
    ...model.notes,
    ...model.options.customFields.map((field) => `${field.name}: ${field.value}`),
  ];
  const period =
    model.periodStart && model.periodEnd
      ? group('cac:InvoicePeriod', [
          leaf('cbc:StartDate', isoDay(model.periodStart, tz)),
          leaf('cbc:EndDate', isoDay(lastDay(model.periodStart, model.periodEnd), tz)),
        ])
      : undefined;
  const correction = model.correction;
  const terms = model.options.seller.paymentTerms;
  const root: XmlElement = {
    name: invoice ? 'Invoice' : 'CreditNote',
    attributes: { xmlns: invoice ? NS.invoice : NS.credit_note, 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc },
    children: [
      leaf('cbc:CustomizationID', EN16931_CUSTOMIZATION_ID),
      leaf('cbc:ID', model.number),
      leaf('cbc:IssueDate', isoDay(model.issuedAt, tz)),
      invoice && model.dueAt ? leaf('cbc:DueDate', isoDay(model.dueAt, tz)) : undefined,
      leaf(invoice ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode', invoice ? '380' : '381'),
      ...notes.map((note) => leaf('cbc:Note', note)),
      correction && leaf('cbc:Note', `${en.reason}: ${en.reasons[correction.reason]}`),
      leaf('cbc:DocumentCurrencyCode', model.currency),
      period,
      correction &&
        group('cac:BillingReference', [
          group('cac:InvoiceDocumentReference', [
            leaf('cbc:ID', correction.invoiceNumber),
            leaf('cbc:IssueDate', isoDay(correction.invoiceIssuedAt, tz)),
          ]),
        ]),
      group('cac:AccountingSupplierParty', [party(model.seller, { seller: true, withVatId: vatIds })]),
      group('cac:AccountingCustomerParty', [party(model.buyer, { seller: false, withVatId: vatIds })]),
      intraCommunityDelivery(model),
      invoice ? paymentMeans(model, payment.payable) : undefined,
      invoice && terms !== undefined ? group('cac:PaymentTerms', [leaf('cbc:Note', terms)]) : undefined,
      taxTotal(model),
      monetaryTotal(model, taxInclusive, payment),
      ...model.lines.map((line) => ublLine(line, model, model.kind)),
    ].filter((child): child is XmlElement => typeof child === 'object' && child !== null),
  };
  return serializeXml(root);
}
