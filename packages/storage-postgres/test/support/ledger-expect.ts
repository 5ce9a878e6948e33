import { type BillingStorageAdapter, listAll, type Money, money } from '@billfold/core';
import { expect } from 'vitest';

/** What {@link expectLedgerKept} read of one customer, in its currency. */
export interface LedgerFigures {
  /** The balance the storage reports. */
  readonly balance: Money;
  /** Σ `creditApplied` of the customer's finalized, not voided invoices. */
  readonly creditApplied: Money;
  /** Σ credit-note totals. */
  readonly credited: Money;
  /** Σ refunds. */
  readonly refunded: Money;
}

/**
 * Checks the ledger rules of one customer (see the engine README, "Ledger rules"), with `context` (e.g. the
 * seed of a model run) in every message:
 * - the balance is the sum of its entries, and never below zero;
 * - per invoice, `amountPaid + amountCredited + amountRemaining = amountDue` (a void one owes nothing), its
 *   credit notes never exceed its total, `Σ appliedToInvoice ≤ amountCredited ≤ Σ credit-note totals`, and
 *   `amountPaid` is what the payments' allocations give it;
 * - per payment, `Σ allocations + unapplied + amountRefunded = amount`, and its refunds add up to `amountRefunded`.
 */
export async function expectLedgerKept(
  storage: BillingStorageAdapter,
  customerId: string,
  currency: string,
  context = '',
): Promise<LedgerFigures> {
  const m = (amount: string) => money(amount, currency);
  const sum = (amounts: readonly string[]) => amounts.reduce((total, amount) => total.add(m(amount)), m('0'));
  const at = (what: string) => `${what} (customer ${customerId}${context === '' ? '' : `, ${context}`})`;
  const entries = await listAll((page) => storage.balance.list({ customerId, ...page }));
  const balance = m(await storage.balance.balance(customerId, currency));
  expect(balance.toString(), at('balance = Σ ledger entries')).toBe(
    sum(entries.filter((e) => e.currency === currency).map((e) => e.amount)).toString(),
  );
  expect(balance.isNegative(), at(`balance ${balance} is below zero`)).toBe(false);

  const invoices = await listAll((page) => storage.invoices.list({ customerId, ...page }));
  const notes = await listAll((page) => storage.creditNotes.list({ customerId, ...page }));
  const payments = await listAll((page) => storage.payments.list({ customerId, ...page }));
  const refunds = await listAll((page) => storage.refunds.list({ customerId, ...page }));
  const allocated = new Map<string, Money>();
  for (const payment of payments) {
    const allocations = sum(payment.allocations.map((a) => a.amount));
    for (const a of payment.allocations)
      allocated.set(a.invoiceId, (allocated.get(a.invoiceId) ?? m('0')).add(m(a.amount)));
    expect(
      allocations.add(m(payment.unapplied)).add(m(payment.amountRefunded)).toString(),
      at(`payment ${payment.id}: allocations + unapplied + refunded = amount`),
    ).toBe(m(payment.amount).toString());
    expect(
      sum(refunds.filter((r) => r.paymentId === payment.id).map((r) => r.amount)).toString(),
      at(`payment ${payment.id}: refunds = amountRefunded`),
    ).toBe(m(payment.amountRefunded).toString());
  }
  let creditApplied = m('0');
  for (const invoice of invoices) {
    if (invoice.status === 'draft') continue;
    const own = notes.filter((n) => n.invoiceId === invoice.id);
    const noted = sum(own.map((n) => n.total));
    const settled = m(invoice.amountPaid).add(m(invoice.amountCredited));
    const what = (rule: string) => at(`invoice ${invoice.number} (${invoice.status}): ${rule}`);
    if (invoice.status === 'void') {
      expect(invoice.amountRemaining, what('owes nothing')).toBe(m('0').toString());
    } else {
      creditApplied = creditApplied.add(m(invoice.creditApplied));
      expect(settled.add(m(invoice.amountRemaining)).toString(), what('paid + credited + remaining = due')).toBe(
        m(invoice.amountDue).toString(),
      );
    }
    // A proration invoice can have a negative total: nothing on it can be credited.
    const creditable = m(invoice.total).isNegative() ? m('0') : m(invoice.total);
    expect(noted.compare(creditable) <= 0, what(`credit notes ${noted} exceed the total`)).toBe(true);
    expect(
      sum(own.map((n) => n.appliedToInvoice)).compare(m(invoice.amountCredited)) <= 0,
      what('Σ applied ≤ credited'),
    ).toBe(true);
    expect(m(invoice.amountCredited).compare(noted) <= 0, what('credited ≤ Σ credit notes')).toBe(true);
    expect(m(invoice.amountPaid).toString(), what('amountPaid = Σ allocations')).toBe(
      (allocated.get(invoice.id) ?? m('0')).toString(),
    );
  }
  return {
    balance,
    creditApplied,
    credited: sum(notes.map((n) => n.total)),
    refunded: sum(refunds.map((r) => r.amount)),
  };
}
