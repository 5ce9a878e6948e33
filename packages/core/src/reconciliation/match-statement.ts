import { validate } from '../errors/validate';
import { type Money, money } from '../money/money';
import { bankTransferPayment } from './bank-transfer-payment';
import { type OpenInvoice, MatchStatementInputSchema, type MatchStatementInput } from './match-input';
import type {
  IgnoredReason,
  MatchCandidate,
  MatchRule,
  ProposalReason,
  StatementLineMatch,
  StatementMatch,
} from './match-result';
import { byDueDate, OpenInvoiceBook, type ReferencedInvoices } from './open-invoice-book';
import { findCombination, planInOrder } from './payment-plan';
import { type StatementLine, statementLines } from './statement-lines';

type Base = Pick<StatementLineMatch, 'lineId' | 'entryId' | 'account' | 'amount' | 'currency' | 'referencedInvoiceIds'>;

interface Pending {
  readonly line: StatementLine;
  readonly base: Base;
  readonly amount: Money;
  readonly referenced: ReferencedInvoices;
}

function ignoredReason(line: StatementLine): IgnoredReason | undefined {
  if (line.entry.direction === 'debit') return 'debit';
  if (line.entry.status !== 'booked') return 'not_booked';
  if (line.entry.reversal) return 'reversal';
  if (!/[1-9]/.test(line.amount)) return 'zero_amount';
  return undefined;
}

/** One proposal per customer over that customer's part of `invoices`. */
function perCustomer(invoices: readonly OpenInvoice[]): Map<string, OpenInvoice[]> {
  const byCustomer = new Map<string, OpenInvoice[]>();
  for (const invoice of invoices)
    byCustomer.set(invoice.customerId, [...(byCustomer.get(invoice.customerId) ?? []), invoice]);
  return byCustomer;
}

/** How a payment compares with what a set of invoices owes. */
function sizeReason(amount: Money, invoices: readonly OpenInvoice[], book: OpenInvoiceBook): ProposalReason {
  const owed = invoices.reduce((sum, invoice) => sum.add(book.remaining(invoice)), money('0', amount.currency));
  const order = amount.compare(owed);
  return order < 0
    ? 'partial_payment'
    : order > 0
      ? 'overpayment'
      : invoices.length > 1
        ? 'several_invoices'
        : 'ambiguous';
}

/** Proposals for a line from the payer's customers (found by IBAN or name): equal amounts, combinations, splits. */
function payerProposal(
  pending: Pending,
  customers: readonly string[],
  rule: MatchRule,
  book: OpenInvoiceBook,
): { reason: ProposalReason; candidates: MatchCandidate[] } {
  const { amount } = pending;
  const candidates: MatchCandidate[] = [];
  let reason: ProposalReason | undefined;
  for (const customerId of customers) {
    const open = book.openFor(customerId, amount.currency);
    const equal = open.filter((invoice) => book.remaining(invoice).compare(amount) === 0);
    if (open.length === 0) {
      candidates.push(planInOrder(amount, [], book, customerId, rule));
      reason ??= 'no_open_invoice';
    } else if (equal.length > 0) {
      for (const invoice of equal) candidates.push(planInOrder(amount, [invoice], book, customerId, rule));
      reason ??= 'ambiguous';
    } else {
      const combination = findCombination(amount, open, book);
      candidates.push(planInOrder(amount, combination ?? open, book, customerId, rule));
      reason ??= combination !== undefined ? 'several_invoices' : sizeReason(amount, open, book);
    }
  }
  if (customers.length > 1 || candidates.length > 1) reason = 'ambiguous';
  return { reason: rule === 'payer_name' ? 'payer_name' : (reason as ProposalReason), candidates };
}

/** The proposal (or non-match) for a line no automatic rule settled, against what is left after them. */
function propose(pending: Pending, book: OpenInvoiceBook, maxAmountCandidates: number): StatementLineMatch {
  const { base, amount, referenced, line } = pending;
  const proposed = (reason: ProposalReason, candidates: MatchCandidate[]): StatementLineMatch => ({
    ...base,
    kind: 'proposed',
    reason,
    candidates,
  });
  if (referenced.exact.length > 0) {
    const inCurrency = referenced.exact.filter((r) => r.invoice.currency === amount.currency);
    if (inCurrency.length === 0) return { ...base, kind: 'unmatched', reason: 'currency_mismatch', candidates: [] };
    const groups = perCustomer(inCurrency.map((r) => r.invoice).sort(byDueDate));
    const rule = inCurrency[0]?.rule as MatchRule;
    const open = inCurrency.map((r) => r.invoice).filter((invoice) => !book.remaining(invoice).isZero());
    if (open.length === 0) {
      const first = inCurrency[0]?.invoice as OpenInvoice;
      return proposed('already_settled', [planInOrder(amount, [], book, first.customerId, rule)]);
    }
    const candidates = [...groups].map(([customerId, invoices]) =>
      planInOrder(amount, invoices, book, customerId, rule),
    );
    return proposed(groups.size > 1 ? 'ambiguous' : sizeReason(amount, open, book), candidates);
  }
  const typos = referenced.typos.filter(
    (invoice) => invoice.currency === amount.currency && !book.remaining(invoice).isZero(),
  );
  if (typos.length > 0) {
    return proposed(
      'reference_typo',
      typos.map((invoice) => planInOrder(amount, [invoice], book, invoice.customerId, 'reference_typo')),
    );
  }
  const byIban = book.customersWithIban(line.payer?.iban);
  if (byIban.length > 0) {
    const { reason, candidates } = payerProposal(pending, byIban, 'known_account', book);
    return proposed(reason, candidates);
  }
  const byName = book.customersNamed(line.payer?.name);
  if (byName.length > 0) {
    const { reason, candidates } = payerProposal(pending, byName, 'payer_name', book);
    return proposed(reason, candidates);
  }
  const owing = book.owing(amount);
  if (owing.length > 0 && owing.length <= maxAmountCandidates) {
    return proposed(
      'amount_only',
      owing.map((invoice) => planInOrder(amount, [invoice], book, invoice.customerId, 'amount')),
    );
  }
  return { ...base, kind: 'unmatched', reason: 'no_reference', candidates: [] };
}

function exact(pending: Pending, invoice: OpenInvoice, rule: MatchRule, book: OpenInvoiceBook): StatementLineMatch {
  const candidate = planInOrder(pending.amount, [invoice], book, invoice.customerId, rule);
  book.consume(invoice, pending.amount);
  return {
    ...pending.base,
    kind: 'exact',
    candidates: [candidate],
    payment: bankTransferPayment(pending.line, candidate),
  };
}

/**
 * Matches the credit lines of bank statements to open invoices. Pure: the same input gives the same result, and
 * nothing is recorded; the engine records the `exact` payments (their idempotency keys come from the statement
 * entries, so importing a statement twice records nothing new) and queues the rest for a person.
 *
 * Rules, in this order (each against what earlier rules left open):
 * 1. **exact by reference**: the line names exactly one open invoice (its RF reference or its number, any case
 *    and separators) in the line's currency, and pays exactly what it owes;
 * 2. **exact by known account**: no reference at all, the payer's IBAN belongs to one customer, and exactly one
 *    of that customer's open invoices owes exactly the amount;
 * 3. **proposed** for a person: partial payments, overpayments, one payment for several invoices (named, or
 *    found as 2–4 invoices adding up to it), ambiguous candidates, a reference with a transposition, a payer
 *    known by IBAN or name, an amount that only a few invoices owe;
 * 4. **unmatched**: nothing points anywhere, or only to invoices in another currency.
 * Debits, unbooked entries, reversals, zero amounts and repeated entries are `ignored`.
 *
 * Every candidate allocates at most what each invoice owes, and its allocations plus `unapplied` equal the line's
 * amount. Batch bookings are matched payment by payment (`<entry id>#<n>`).
 * @throws BillingError `invalid_input` with the path of the bad field.
 * @example
 * ```ts
 * const { lines } = matchStatement({ entries: parseCamt(xml).entries, openInvoices, knownPayers });
 * for (const line of lines) if (line.kind === 'exact') await billing.payments.record(line.payment);
 * ```
 */
export function matchStatement(input: MatchStatementInput): StatementMatch {
  const { entries, openInvoices, knownPayers, maxAmountCandidates } = validate(
    MatchStatementInputSchema,
    input,
    'input',
  );
  const book = new OpenInvoiceBook(openInvoices, knownPayers);
  const results: (StatementLineMatch | Pending)[] = [];
  const seen = new Map<string, string>();
  for (const line of entries.flatMap(statementLines)) {
    const key = `${line.entry.account}\u0000${line.id}`;
    const fingerprint = JSON.stringify([
      line.amount,
      line.currency,
      line.entry.direction,
      line.entry.bookingDate,
      line.texts,
    ]);
    const earlier = seen.get(key);
    seen.set(key, earlier ?? fingerprint);
    const ignored = earlier === fingerprint ? 'duplicate_entry' : ignoredReason(line);
    const referenced: ReferencedInvoices =
      ignored === undefined && earlier === undefined ? book.referenced(line.texts) : { exact: [], typos: [] };
    const base: Base = {
      lineId: line.id,
      entryId: line.entry.id,
      account: line.entry.account,
      amount: line.amount,
      currency: line.currency,
      referencedInvoiceIds: referenced.exact.map((r) => r.invoice.id),
    };
    if (ignored !== undefined) results.push({ ...base, kind: 'ignored', reason: ignored, candidates: [] });
    else if (earlier !== undefined)
      results.push({ ...base, kind: 'unmatched', reason: 'conflicting_entry', candidates: [] });
    else results.push({ line, base, amount: money(line.amount, line.currency), referenced });
  }
  // 1. exact by reference
  for (const [i, item] of results.entries()) {
    if (!('line' in item) || item.referenced.exact.length !== 1) continue;
    const { invoice, rule } = item.referenced.exact[0] as ReferencedInvoices['exact'][number];
    if (invoice.currency === item.amount.currency && book.remaining(invoice).compare(item.amount) === 0) {
      results[i] = exact(item, invoice, rule, book);
    }
  }
  // 2. exact by known account and a unique amount
  for (const [i, item] of results.entries()) {
    if (!('line' in item) || item.referenced.exact.length > 0 || item.referenced.typos.length > 0) continue;
    const customers = book.customersWithIban(item.line.payer?.iban);
    if (customers.length !== 1) continue;
    const equal = book
      .openFor(customers[0] as string, item.amount.currency)
      .filter((invoice) => book.remaining(invoice).compare(item.amount) === 0);
    if (equal.length === 1) results[i] = exact(item, equal[0] as OpenInvoice, 'known_account', book);
  }
  // 3. and 4. proposals against what is left
  const lines = results.map((item) => ('line' in item ? propose(item, book, maxAmountCandidates) : item));
  const counts = { exact: 0, proposed: 0, unmatched: 0, ignored: 0 };
  for (const line of lines) counts[line.kind]++;
  return { lines, counts };
}
