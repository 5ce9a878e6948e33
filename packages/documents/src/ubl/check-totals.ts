import { BillingError, BillingErrorCode, money } from '@billfold/core';
import type { DocumentModel } from '../model/document-model';

/**
 * Refuses what EN 16931 cannot express or what would break its totals rules, naming the field at fault:
 * compound rates, tax on exempt or reverse-charge lines, and totals that do not add up
 * (BR-CO-14: Σ breakdown tax = tax total; BR-CO-15/16: net + tax − prepaid + rounding = payable).
 * @returns the total with tax (BT-112).
 * @internal
 */
export function checkUblTotals(model: DocumentModel): string {
  const root = model.kind === 'invoice' ? 'invoice' : 'creditNote';
  const c = model.currency;
  const fail = (message: string, path: readonly (string | number)[]) => {
    throw new BillingError(BillingErrorCode.invalidInput, `${message} (UBL / EN 16931)`, { path: [root, ...path] });
  };
  model.lines.forEach((line, index) => {
    if (line.rates.some((rate) => rate.compound)) {
      fail('A compound tax rate cannot be expressed as one VAT rate per line', ['lines', index, 'taxes']);
    }
    if ((line.category === 'E' || line.category === 'AE') && !money(line.taxAmount, c).isZero()) {
      fail(`A line of a ${model.taxStatus} customer cannot carry tax`, ['lines', index, 'taxes']);
    }
  });
  const t = model.totals;
  const breakdownTax = model.vatBreakdown.reduce((sum, row) => sum.add(money(row.taxAmount, c)), money('0', c));
  if (breakdownTax.compare(money(t.taxTotal, c)) !== 0) {
    fail(`The line taxes add up to ${breakdownTax}, not to the tax total ${t.taxTotal}`, ['taxTotal']);
  }
  const taxInclusive = money(t.netTotal, c).add(money(t.taxTotal, c));
  if (taxInclusive.add(money(t.roundingAmount, c)).compare(money(t.total, c)) !== 0) {
    fail(`Net ${t.netTotal} + tax ${t.taxTotal} + rounding ${t.roundingAmount} is not the total ${t.total}`, ['total']);
  }
  const payable = taxInclusive.subtract(money(t.creditApplied, c)).add(money(t.roundingAmount, c));
  if (payable.compare(money(t.amountDue, c)) !== 0) {
    fail(`Total ${t.total} − credit applied ${t.creditApplied} is not the amount due ${t.amountDue}`, ['amountDue']);
  }
  return taxInclusive.toString();
}
