import type { DocumentModel } from '../model/document-model';
import type { TaxCategoryCode } from '../model/tax-category';
import { group, leaf, type XmlElement } from './xml';

/** The exemption reasons (BT-120/121) categories E and AE must carry (BR-E-10, BR-AE-10). */
const EXEMPTION: Partial<Record<TaxCategoryCode, { code?: string; reason: string }>> = {
  AE: { code: 'VATEX-EU-AE', reason: 'Reverse charge' },
  // The exemption's legal basis (VATEX-EU-132, …) is the seller's to state; the text satisfies BR-E-10.
  E: { reason: 'Exempt from VAT' },
};

/** `cac:ClassifiedTaxCategory` of a line or `cac:TaxCategory` of a breakdown row. @internal */
export function taxCategory(
  name: 'cac:ClassifiedTaxCategory' | 'cac:TaxCategory',
  category: TaxCategoryCode,
  percent: string,
): XmlElement {
  // Exemption reasons belong to the breakdown (BG-23), not to the line's category (BG-30).
  const exemption = name === 'cac:TaxCategory' ? EXEMPTION[category] : undefined;
  return group(name, [
    leaf('cbc:ID', category),
    leaf('cbc:Percent', percent),
    leaf('cbc:TaxExemptionReasonCode', exemption?.code),
    leaf('cbc:TaxExemptionReason', exemption?.reason),
    group('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]) as XmlElement;
}

/** An amount element with its currency. @internal */
export function amount(name: string, value: string, currency: string): XmlElement {
  return leaf(name, value, { currencyID: currency }) as XmlElement;
}

/** `cac:TaxTotal`: the tax total (BT-110) and one subtotal per category and rate (BG-23). @internal */
export function taxTotal(model: DocumentModel): XmlElement {
  const c = model.currency;
  return group('cac:TaxTotal', [
    amount('cbc:TaxAmount', model.totals.taxTotal, c),
    ...model.vatBreakdown.map((row) =>
      group('cac:TaxSubtotal', [
        amount('cbc:TaxableAmount', row.taxableAmount, c),
        amount('cbc:TaxAmount', row.taxAmount, c),
        taxCategory('cac:TaxCategory', row.category, row.percent),
      ]),
    ),
  ]) as XmlElement;
}

/** `cac:LegalMonetaryTotal` (BG-22): line total, totals with and without tax, prepaid, rounding, payable. @internal */
export function monetaryTotal(model: DocumentModel, taxInclusive: string): XmlElement {
  const c = model.currency;
  const t = model.totals;
  const nonZero = (value: string) => !/^-?0*(\.0*)?$/.test(value);
  return group('cac:LegalMonetaryTotal', [
    amount('cbc:LineExtensionAmount', t.netTotal, c),
    amount('cbc:TaxExclusiveAmount', t.netTotal, c),
    amount('cbc:TaxInclusiveAmount', taxInclusive, c),
    nonZero(t.creditApplied) && amount('cbc:PrepaidAmount', t.creditApplied, c),
    nonZero(t.roundingAmount) && amount('cbc:PayableRoundingAmount', t.roundingAmount, c),
    amount('cbc:PayableAmount', t.amountDue, c),
  ]) as XmlElement;
}
