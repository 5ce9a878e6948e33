import type { Invoice, InvoiceLine } from '../../domain/invoice';
import { allocate } from '../../money/allocate';
import { type Money, money } from '../../money/money';

/** A credited amount split into its net part and its tax per rate. */
export interface CreditSplit {
  /** The net part (the credit note line's `amount`). */
  readonly net: Money;
  readonly taxes: readonly { readonly rateId: string; readonly amount: Money }[];
}

/**
 * Splits a gross credit (tax included, as it comes off the invoice) into net and tax in the proportions of
 * `mix`, by largest remainder so the parts sum exactly to `gross`. With no tax in the mix, or proportions
 * that cannot be used (a negative or all-zero mix), the whole credit is net.
 */
function splitByMix(gross: Money, net: Money, taxes: readonly { rateId: string; amount: Money }[]): CreditSplit {
  const weights = [...taxes.map((tax) => tax.amount), net];
  const usable = weights.every((w) => !w.isNegative()) && weights.some((w) => !w.isZero());
  if (taxes.length === 0 || !usable)
    return { net: gross, taxes: taxes.map((tax) => ({ rateId: tax.rateId, amount: money('0', gross.currency) })) };
  const parts = allocate(gross, weights.map(String));
  return {
    net: parts[parts.length - 1] as Money,
    taxes: taxes.map((tax, i) => ({ rateId: tax.rateId, amount: parts[i] as Money })),
  };
}

/**
 * The gross value of an invoice line: what it put on the invoice after discount, tax included
 * (`taxableAmount + Σ taxes`, for exclusive and inclusive rates alike).
 */
export function lineGross(line: InvoiceLine, currency: string): Money {
  return line.taxes.reduce((sum, tax) => sum.add(money(tax.amount, currency)), money(line.taxableAmount, currency));
}

/**
 * Credit-note tax rule: a credit against an invoice line carries that line's taxes in proportion to the line's
 * own net and taxes; a credit not tied to a line carries the invoice's overall mix (its taxes per rate and
 * `total − taxTotal` as net). Either way the gross amount given is what comes off the invoice, tax included.
 */
export function splitCredit(gross: Money, invoice: Invoice, line: InvoiceLine | undefined): CreditSplit {
  const m = (amount: string) => money(amount, invoice.currency);
  if (line !== undefined) {
    return splitByMix(
      gross,
      m(line.taxableAmount),
      line.taxes.map((tax) => ({ rateId: tax.rateId, amount: m(tax.amount) })),
    );
  }
  return splitByMix(
    gross,
    m(invoice.total).subtract(m(invoice.taxTotal)),
    invoice.taxes.map((tax) => ({ rateId: tax.rateId, amount: m(tax.amount) })),
  );
}
