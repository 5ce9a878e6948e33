import type { CreditNote } from '../domain/credit-note';
import type { Invoice } from '../domain/invoice';
import type { BalanceTransaction, Payment, PaymentMethod, Refund } from '../domain/payment';
import { type Money, money } from '../money/money';
import type { StatementEntryKind } from './statement';

/** A statement line before the running balance: `amount` is signed, positive when it raises what is owed. @internal */
export interface LedgerEntry {
  readonly kind: StatementEntryKind;
  readonly at: string;
  readonly sourceId: string;
  readonly reference: string;
  readonly invoiceNumber?: string;
  readonly method?: PaymentMethod;
  readonly amount: Money;
}

/** The records of one customer that a statement reads. @internal */
export interface LedgerRecords {
  readonly invoices: readonly Invoice[];
  readonly payments: readonly Payment[];
  readonly refunds: readonly Refund[];
  readonly creditNotes: readonly CreditNote[];
  readonly balanceTransactions: readonly BalanceTransaction[];
}

// Lines at the same instant read in the order things happen: the invoice, its corrections, then money.
const ORDER: Readonly<Record<StatementEntryKind, number>> = {
  invoice: 0,
  invoice_void: 1,
  credit_note: 2,
  payment: 3,
  refund: 4,
  credit: 5,
  adjustment: 6,
};

/** Chronological order with a stable tie-break. @internal */
export function compareEntries(a: LedgerEntry, b: LedgerEntry): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.kind !== b.kind) return ORDER[a.kind] - ORDER[b.kind];
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;
}

function invoiceEntries(invoice: Invoice): LedgerEntry[] {
  if (invoice.status === 'draft' || invoice.issuedAt === undefined) return [];
  const number = invoice.number ?? invoice.id;
  const total = money(invoice.total, invoice.currency);
  const issued: LedgerEntry = {
    kind: 'invoice',
    at: invoice.issuedAt,
    sourceId: invoice.id,
    reference: number,
    amount: total,
  };
  if (invoice.status !== 'void' || invoice.voidedAt === undefined) return [issued];
  const voided: LedgerEntry = {
    kind: 'invoice_void',
    at: invoice.voidedAt,
    sourceId: invoice.id,
    reference: number,
    invoiceNumber: number,
    amount: total.negate(),
  };
  return [issued, voided];
}

/**
 * The balance entries no document on the statement carries. Every other entry mirrors one: credit applied to or
 * returned from an invoice (`applied_to_invoice`), an overpayment, a credit-note surplus, a refund from credit, and
 * the `proration` entry that turns a negative invoice total into credit (its amount is minus the invoice's negative
 * `creditApplied`). What is left, proration credits on cancellation and adjustments, changes what is owed by itself.
 */
function standaloneCredits(records: LedgerRecords): LedgerEntry[] {
  const negativeInvoices = new Map(
    records.invoices
      .filter((invoice) => money(invoice.creditApplied, invoice.currency).isNegative())
      .map((invoice) => [invoice.id, money(invoice.creditApplied, invoice.currency).negate()]),
  );
  const entries: LedgerEntry[] = [];
  for (const entry of records.balanceTransactions) {
    const amount = money(entry.amount, entry.currency);
    if (entry.type === 'proration' && entry.referenceId !== undefined) {
      const mirrored = negativeInvoices.get(entry.referenceId);
      if (mirrored !== undefined && mirrored.compare(amount) === 0) {
        negativeInvoices.delete(entry.referenceId);
        continue;
      }
    }
    if (entry.type !== 'proration' && entry.type !== 'adjustment') continue;
    entries.push({
      kind: entry.type === 'proration' ? 'credit' : 'adjustment',
      at: entry.createdAt,
      sourceId: entry.id,
      reference: entry.id,
      // Credit to the customer lowers what they owe.
      amount: amount.negate(),
    });
  }
  return entries;
}

/**
 * Every change to what the customer owes, from their documents and ledger, unsorted: invoices (+ total), voids
 * (− total), credit notes (− total), payments received (− amount), refunds (+ amount) and standalone balance credits.
 * Credit applied to invoices moves money between the customer's credit and their invoices and is no line.
 * @internal
 */
export function ledgerEntries(records: LedgerRecords): LedgerEntry[] {
  const entries = records.invoices.flatMap(invoiceEntries);
  for (const note of records.creditNotes) {
    entries.push({
      kind: 'credit_note',
      at: note.issuedAt,
      sourceId: note.id,
      reference: note.number,
      invoiceNumber: note.invoiceNumber,
      amount: money(note.total, note.currency).negate(),
    });
  }
  for (const payment of records.payments) {
    if (payment.status === 'pending' || payment.status === 'failed') continue;
    entries.push({
      kind: 'payment',
      at: payment.receivedAt,
      sourceId: payment.id,
      reference: payment.reference ?? payment.id,
      method: payment.method,
      amount: money(payment.amount, payment.currency).negate(),
    });
  }
  for (const refund of records.refunds) {
    entries.push({
      kind: 'refund',
      at: refund.createdAt,
      sourceId: refund.id,
      reference: refund.id,
      amount: money(refund.amount, refund.currency),
    });
  }
  entries.push(...standaloneCredits(records));
  return entries;
}
