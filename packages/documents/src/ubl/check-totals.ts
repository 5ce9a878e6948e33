import { BillingError, BillingErrorCode, money } from '@billfold/core';
import type { DocumentModel } from '../model/document-model';
import type { UblPayment } from './tax';

const NO_VAT = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

/**
 * Refuses an invoice whose own figures contradict each other, naming the field at fault: tax on lines of a
 * category without VAT, and totals that do not add up (BR-CO-14: Σ breakdown tax = tax
 * total; BR-CO-15/16: net + tax − prepaid + rounding = payable).
 * @returns the total with tax (BT-112) and the payment figures of {@link ublPayment}.
 * @internal
 */
export function checkUblTotals(model: DocumentModel): { taxInclusive: string; payment: UblPayment } {
  const root = model.kind === 'invoice' ? 'invoice' : 'creditNote';
  const c = model.currency;
  const fail = (message: string, path: readonly (string | number)[]) => {
    throw new BillingError(BillingErrorCode.invalidInput, `${message} (UBL / EN 16931)`, { path: [root, ...path] });
  };
  model.lines.forEach((line, index) => {
    if (line.category !== undefined && NO_VAT.has(line.category) && !money(line.taxAmount, c).isZero()) {
      fail(`A line of VAT category ${line.category} cannot carry tax`, ['lines', index, 'taxes']);
    }
  });
  const t = model.totals;
  const breakdownTax = model.vatBreakdown.reduce((sum, row) => sum.add(money(row.taxAmount, c)), money('0', c));
  if (breakdownTax.compare(money(t.taxTotal, c)) !== 0) {
    fail(`The line taxes add up to ${breakdownTax}, not to the tax total ${t.taxTotal}`, ['taxTotal']);
  }
  const taxInclusive = money(t.netTotal, c).add(money(t.taxTotal, c));
  const total = taxInclusive.add(money(t.roundingAmount, c));
  if (total.compare(money(t.total, c)) !== 0) {
    fail(`Net ${t.netTotal} + tax ${t.taxTotal} + rounding ${t.roundingAmount} is not the total ${t.total}`, ['total']);
  }
  if (total.subtract(money(t.creditApplied, c)).compare(money(t.amountDue, c)) !== 0) {
    fail(`Total ${t.total} − credit applied ${t.creditApplied} is not the amount due ${t.amountDue}`, ['amountDue']);
  }
  return { taxInclusive: taxInclusive.toString(), payment: ublPayment(model) };
}

/**
 * What is owed, the EN 16931 way: credit applied from the balance and payments made are the paid amount
 * (BT-113, never negative); the rest of the total is payable (BT-115), negative when the invoice's total is
 * negative (the seller owes the buyer: a downgrade invoiced at once, whose credit went to the balance).
 * @internal
 */
export function ublPayment(model: DocumentModel): UblPayment {
  const c = model.currency;
  const t = model.totals;
  const credit = money(t.creditApplied, c);
  const prepaid = (credit.isNegative() ? money('0', c) : credit).add(money(t.amountPaid, c));
  return { prepaid: prepaid.toString(), payable: money(t.total, c).subtract(prepaid).toString() };
}
