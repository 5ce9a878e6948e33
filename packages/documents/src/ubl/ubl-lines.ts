import { money, type TaxCategoryCode } from '@billfold/core';
import type { DocumentLine, DocumentModel } from '../model/document-model';
import { isoDay } from '../model/localizer';
import { isZeroDecimal } from '../model/zero-decimal';
import { lastDay } from '../model/period';
import { amount, taxCategory } from './tax';
import { group, leaf, type XmlElement } from './xml';

const UNIT = 'C62'; // UN/ECE Rec 20 "one": a unit of the item.

/** The first line of a description, shortened to a name (BT-153); the whole text stays in BT-154. */
function itemName(description: string): string {
  const first = description.split('\n')[0]?.trim() || description.trim();
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/**
 * Quantity, price and line allowance so that `quantity × price / baseQuantity − allowance = net` holds
 * exactly (BR-LIN-04 style): the unit price when it multiplies out, else the line's gross as the price of
 * `|quantity|` units. Negative lines carry a negative quantity and a positive price (BR-27).
 */
function pricing(line: DocumentLine, currency: string) {
  const exclusive = line.rates.length === 0 || !line.rates[0]?.inclusive;
  const net = money(line.netAmount, currency);
  const discount = money(line.discountAmount, currency);
  const allowance =
    exclusive && !net.isNegative() && !discount.isZero() && !discount.isNegative() ? discount : undefined;
  const gross = allowance ? net.add(allowance) : net;
  const rawQuantity =
    line.quantity !== undefined && !isZeroDecimal(line.quantity) ? line.quantity.replace(/^-/, '') : '1';
  const quantity = gross.isNegative() ? `-${rawQuantity}` : rawQuantity;
  const grossAbs = gross.isNegative() ? gross.negate() : gross;
  const unit = line.unitAmount?.replace(/^-/, '');
  if (unit !== undefined && money(unit, currency).multiply(rawQuantity).compare(grossAbs) === 0) {
    return { quantity, price: unit, baseQuantity: undefined, allowance };
  }
  return {
    quantity,
    price: grossAbs.toString(),
    baseQuantity: rawQuantity === '1' ? undefined : rawQuantity,
    allowance,
  };
}

/** One `cac:InvoiceLine` or `cac:CreditNoteLine` (BG-25). @internal */
export function ublLine(line: DocumentLine, model: DocumentModel, kind: 'invoice' | 'credit_note'): XmlElement {
  const c = model.currency;
  const tz = model.timeZone;
  const { quantity, price, baseQuantity, allowance } = pricing(line, c);
  const period =
    line.periodStart && line.periodEnd
      ? group('cac:InvoicePeriod', [
          leaf('cbc:StartDate', isoDay(line.periodStart, tz)),
          leaf('cbc:EndDate', isoDay(lastDay(line.periodStart, line.periodEnd), tz)),
        ])
      : undefined;
  const allowanceCharge =
    allowance &&
    group('cac:AllowanceCharge', [
      leaf('cbc:ChargeIndicator', 'false'),
      leaf('cbc:AllowanceChargeReasonCode', '95'),
      leaf('cbc:AllowanceChargeReason', 'Discount'),
      amount('cbc:Amount', allowance.toString(), c),
    ]);
  const name = itemName(line.description);
  const item = group('cac:Item', [
    name !== line.description && leaf('cbc:Description', line.description),
    leaf('cbc:Name', name),
    line.billingCode !== undefined && group('cac:SellersItemIdentification', [leaf('cbc:ID', line.billingCode)]),
    // assertRepresentable has refused lines without a category
    taxCategory('cac:ClassifiedTaxCategory', line.category as TaxCategoryCode, line.percent),
  ]);
  const priceElement = group('cac:Price', [
    amount('cbc:PriceAmount', price, c),
    baseQuantity !== undefined && leaf('cbc:BaseQuantity', baseQuantity, { unitCode: UNIT }),
  ]);
  const invoice = kind === 'invoice';
  return group(invoice ? 'cac:InvoiceLine' : 'cac:CreditNoteLine', [
    leaf('cbc:ID', String(line.position)),
    leaf(invoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity', quantity, { unitCode: UNIT }),
    amount('cbc:LineExtensionAmount', line.netAmount, c),
    period,
    allowanceCharge,
    item,
    priceElement,
  ]) as XmlElement;
}
