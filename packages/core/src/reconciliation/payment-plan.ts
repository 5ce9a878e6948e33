/**
 * How a payment would settle a customer's invoices: all of it to one invoice, oldest due first, or to the few
 * invoices whose remaining amounts add up to it exactly. Every plan allocates at most what each invoice owes and
 * at most the payment; the rest is `unapplied`.
 * @internal
 */
import type { Money } from '../money/money';
import type { MatchCandidate, MatchRule } from './match-result';
import type { OpenInvoice } from './match-input';
import type { OpenInvoiceBook } from './open-invoice-book';

/** Allocates `amount` over `invoices` in the order given, each up to what it still owes. */
export function planInOrder(
  amount: Money,
  invoices: readonly OpenInvoice[],
  book: OpenInvoiceBook,
  customerId: string,
  rule: MatchRule,
): MatchCandidate {
  const allocations: { invoiceId: string; invoiceNumber: string; amount: string }[] = [];
  let left = amount;
  for (const invoice of invoices) {
    if (left.isZero()) break;
    const owed = book.remaining(invoice);
    if (owed.isZero() || owed.isNegative()) continue;
    const part = owed.compare(left) <= 0 ? owed : left;
    allocations.push({ invoiceId: invoice.id, invoiceNumber: invoice.number, amount: part.toString() });
    left = left.subtract(part);
  }
  return { customerId, rule, allocations, unapplied: left.toString() };
}

/** Most invoices considered, and most combined, when looking for invoices that add up to a payment. */
const COMBINATION_POOL = 20;
const COMBINATION_SIZE = 4;

/**
 * The first few (2 to 4) of `invoices` (oldest due first, at most the 20 oldest) whose remaining amounts add up to
 * `amount` exactly, in lexicographic order of positions; undefined when none do.
 */
export function findCombination(
  amount: Money,
  invoices: readonly OpenInvoice[],
  book: OpenInvoiceBook,
): OpenInvoice[] | undefined {
  const pool = invoices.slice(0, COMBINATION_POOL);
  const owed = pool.map((invoice) => book.remaining(invoice));
  const chosen: number[] = [];
  const search = (start: number, left: Money): boolean => {
    if (left.isZero()) return chosen.length >= 2;
    if (chosen.length === COMBINATION_SIZE) return false;
    for (let i = start; i < pool.length; i++) {
      const part = owed[i] as Money;
      if (part.compare(left) > 0) continue;
      chosen.push(i);
      if (search(i + 1, left.subtract(part))) return true;
      chosen.pop();
    }
    return false;
  };
  return search(0, amount) ? chosen.map((i) => pool[i] as OpenInvoice) : undefined;
}
