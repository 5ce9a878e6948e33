import type { Invoice } from '../../domain/invoice';
import { type Money, money } from '../../money/money';

/**
 * An invoice after `amount` of a payment was applied to it: `amountPaid` up, `amountRemaining` down, and
 * `paid` (with `paidAt`, no longer `overdue`) once nothing remains.
 */
export function applyToInvoice(invoice: Invoice, amount: Money, now: string): Invoice {
  const m = (value: string) => money(value, invoice.currency);
  const remaining = m(invoice.amountRemaining).subtract(amount);
  return {
    ...invoice,
    amountPaid: m(invoice.amountPaid).add(amount).toString(),
    amountRemaining: remaining.toString(),
    ...(remaining.isZero() ? { status: 'paid' as const, paidAt: now, overdue: false } : {}),
    version: invoice.version + 1,
  };
}

/**
 * An invoice after `amount` of its payments was given back, `covered` of it (at most `amount`) by credit-note
 * surplus taken back from the customer's balance: `amountPaid` down by `amount`, `amountCredited` up by `covered`,
 * `amountRemaining` up by the rest; a `paid` invoice reopens (`open`, `paidAt` removed) only when something is owed
 * again. An uncollectible invoice stays uncollectible.
 */
export function unapplyFromInvoice(invoice: Invoice, amount: Money, covered?: Money): Invoice {
  const m = (value: string) => money(value, invoice.currency);
  const credited = covered ?? m('0');
  const remaining = m(invoice.amountRemaining).add(amount).subtract(credited);
  const { paidAt: _paidAt, ...rest } = invoice;
  const reopened = invoice.status === 'paid' && !remaining.isZero();
  return {
    ...(reopened ? rest : invoice),
    status: reopened ? 'open' : invoice.status,
    amountPaid: m(invoice.amountPaid).subtract(amount).toString(),
    amountCredited: m(invoice.amountCredited).add(credited).toString(),
    amountRemaining: remaining.toString(),
    version: invoice.version + 1,
  };
}

/**
 * The order in which a payment without explicit allocations settles open invoices: oldest due date first,
 * then oldest issue, then id.
 */
export function oldestDueFirst(a: Invoice, b: Invoice): number {
  const key = (invoice: Invoice) => `${invoice.dueAt ?? ''}|${invoice.issuedAt ?? ''}|${invoice.id}`;
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
