import { money } from '@billfold/core/money';

/** What a pay button needs of an invoice: which one, its number and what is still owed. */
export interface PayableInvoice {
  readonly id: string;
  readonly number?: string;
  readonly currency: string;
  readonly amountRemaining: string;
}

/** Σ `amountRemaining` of invoices of one currency, exactly (core's money, never a float). */
export function totalRemaining(invoices: readonly PayableInvoice[]): { amount: string; currency: string } | undefined {
  const first = invoices[0];
  if (first === undefined) return undefined;
  let sum = money('0', first.currency);
  for (const invoice of invoices) sum = sum.add(money(invoice.amountRemaining, invoice.currency));
  return { amount: sum.toString(), currency: first.currency };
}

/** The reference a customer quotes on a transfer or cheque: the invoice numbers. */
export function paymentReference(invoices: readonly PayableInvoice[]): string {
  return invoices.map((invoice) => invoice.number ?? invoice.id).join(', ');
}
