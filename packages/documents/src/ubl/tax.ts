import type { TaxCategoryCode, TaxExemption } from '@billfold/core';
import type { DocumentModel } from '../model/document-model';
import { group, leaf, type XmlElement } from './xml';

/**
 * `cac:ClassifiedTaxCategory` of a line or `cac:TaxCategory` of a breakdown row. Exemption reasons belong to
 * the breakdown (BG-23), not to the line's category (BG-30); `O` (not subject to VAT) carries no rate (BR-O-05).
 * @internal
 */
export function taxCategory(
  name: 'cac:ClassifiedTaxCategory' | 'cac:TaxCategory',
  category: TaxCategoryCode,
  percent: string,
  exemption?: TaxExemption,
): XmlElement {
  const reason = name === 'cac:TaxCategory' ? exemption : undefined;
  return group(name, [
    leaf('cbc:ID', category),
    category === 'O' ? undefined : leaf('cbc:Percent', percent),
    leaf('cbc:TaxExemptionReasonCode', reason?.code),
    leaf('cbc:TaxExemptionReason', reason?.reason),
    group('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]) as XmlElement;
}

/** An amount element with its currency. @internal */
export function amount(name: string, value: string, currency: string): XmlElement {
  return leaf(name, value, { currencyID: currency }) as XmlElement;
}

/** `cac:TaxTotal`: the tax total (BT-110) and one subtotal per category, rate and exemption (BG-23). @internal */
export function taxTotal(model: DocumentModel): XmlElement {
  const c = model.currency;
  return group('cac:TaxTotal', [
    amount('cbc:TaxAmount', model.totals.taxTotal, c),
    ...model.vatBreakdown.map((row) =>
      group('cac:TaxSubtotal', [
        amount('cbc:TaxableAmount', row.taxableAmount, c),
        amount('cbc:TaxAmount', row.taxAmount, c),
        taxCategory('cac:TaxCategory', row.category, row.percent, row.exemption),
      ]),
    ),
  ]) as XmlElement;
}

/** What the buyer still pays, as EN 16931 states it: paid amount (BT-113) and amount due (BT-115). @internal */
export interface UblPayment {
  /** Credit from the customer's balance and payments already made (never negative). */
  readonly prepaid: string;
  /** total − prepaid: zero when paid, negative when the seller owes the buyer (a negative total). */
  readonly payable: string;
}

/** `cac:LegalMonetaryTotal` (BG-22): line total, totals with and without tax, prepaid, rounding, payable. @internal */
export function monetaryTotal(model: DocumentModel, taxInclusive: string, payment: UblPayment): XmlElement {
  const c = model.currency;
  const t = model.totals;
  const nonZero = (value: string) => !/^-?0*(\.0*)?$/.test(value);
  return group('cac:LegalMonetaryTotal', [
    amount('cbc:LineExtensionAmount', t.netTotal, c),
    amount('cbc:TaxExclusiveAmount', t.netTotal, c),
    amount('cbc:TaxInclusiveAmount', taxInclusive, c),
    nonZero(payment.prepaid) && amount('cbc:PrepaidAmount', payment.prepaid, c),
    nonZero(t.roundingAmount) && amount('cbc:PayableRoundingAmount', t.roundingAmount, c),
    amount('cbc:PayableAmount', payment.payable, c),
  ]) as XmlElement;
}
