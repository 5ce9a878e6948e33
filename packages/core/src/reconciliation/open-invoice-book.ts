/**
 * The open invoices of one matching run, indexed by reference, customer and amount, with what each still owes
 * after the payments this run has already matched.
 * @internal
 */
import { type Money, money } from '../money/money';
import { createCreditorReference } from './creditor-reference';
import { normalizeIban } from './iban';
import type { KnownPayer, OpenInvoice } from './match-input';
import { type QuotedReference, type ReferenceLookup, createReferenceLookup, findReferences } from './reference-lookup';

/** A payer's name as compared: letters and digits only, lower case, accents removed. */
export function comparableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The invoices a line's texts name, and how. */
export interface ReferencedInvoices {
  /** Quoted exactly; `rule` says whether by RF reference or invoice number. */
  readonly exact: readonly { readonly invoice: OpenInvoice; readonly rule: 'creditor_reference' | 'invoice_number' }[];
  /** Quoted with one transposition (only when nothing was quoted exactly). */
  readonly typos: readonly OpenInvoice[];
}

/** Oldest due first (no due date last), then by number. */
export function byDueDate(a: OpenInvoice, b: OpenInvoice): number {
  const left = a.dueAt ?? '9999';
  const right = b.dueAt ?? '9999';
  return left < right ? -1 : left > right ? 1 : a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** See the module comment. */
export class OpenInvoiceBook {
  readonly #remaining = new Map<string, Money>();
  readonly #byReference = new Map<string, { invoice: OpenInvoice; rule: 'creditor_reference' | 'invoice_number' }>();
  readonly #lookup: ReferenceLookup;
  readonly #byCustomer = new Map<string, OpenInvoice[]>();
  readonly #byAmount = new Map<string, OpenInvoice[]>();
  readonly #byIban = new Map<string, string[]>();
  readonly #byName = new Map<string, string[]>();

  constructor(invoices: readonly OpenInvoice[], payers: readonly KnownPayer[]) {
    for (const invoice of invoices) {
      const remaining = money(invoice.amountRemaining, invoice.currency);
      this.#remaining.set(invoice.id, remaining);
      this.#byReference.set(invoice.number, { invoice, rule: 'invoice_number' });
      const reference = invoice.creditorReference ?? this.#derivedReference(invoice.number);
      if (reference !== undefined) this.#byReference.set(reference, { invoice, rule: 'creditor_reference' });
      push(this.#byCustomer, invoice.customerId, invoice);
      push(this.#byAmount, `${invoice.currency} ${remaining.toString()}`, invoice);
    }
    for (const list of this.#byCustomer.values()) list.sort(byDueDate);
    this.#lookup = createReferenceLookup(this.#byReference.keys());
    for (const payer of payers) {
      for (const iban of payer.ibans ?? []) push(this.#byIban, normalizeIban(iban), payer.customerId);
      for (const name of payer.names ?? []) push(this.#byName, comparableName(name), payer.customerId);
    }
  }

  #derivedReference(number: string): string | undefined {
    try {
      return createCreditorReference(number);
    } catch {
      return undefined; // a number longer than 21 characters has no RF form
    }
  }

  /** What `invoice` still owes now (zero once this run settled it). */
  remaining(invoice: OpenInvoice): Money {
    return this.#remaining.get(invoice.id) as Money;
  }

  /** Records that this run settled `amount` of `invoice`. */
  consume(invoice: OpenInvoice, amount: Money): void {
    this.#remaining.set(invoice.id, this.remaining(invoice).subtract(amount));
  }

  /** The invoices named in `texts`. */
  referenced(texts: readonly string[]): ReferencedInvoices {
    const quotes: QuotedReference[] = findReferences(texts.join(' | '), this.#lookup);
    const exact: ReferencedInvoices['exact'][number][] = [];
    const typos: OpenInvoice[] = [];
    for (const quote of quotes) {
      const found = this.#byReference.get(quote.reference);
      if (found === undefined) continue;
      if (quote.quote === 'exact') {
        if (!exact.some((e) => e.invoice.id === found.invoice.id)) exact.push(found);
      } else if (!typos.includes(found.invoice)) {
        typos.push(found.invoice);
      }
    }
    return { exact, typos };
  }

  /** A customer's invoices in `currency` that still owe something, oldest due first. */
  openFor(customerId: string, currency: string): OpenInvoice[] {
    return (this.#byCustomer.get(customerId) ?? []).filter(
      (invoice) => invoice.currency === currency && !this.remaining(invoice).isZero(),
    );
  }

  /** Invoices in `amount`'s currency that still owe exactly `amount`, oldest due first. */
  owing(amount: Money): OpenInvoice[] {
    return (this.#byAmount.get(`${amount.currency} ${amount.toString()}`) ?? [])
      .filter((invoice) => this.remaining(invoice).compare(amount) === 0)
      .sort(byDueDate);
  }

  /** Customers whose known accounts include `iban`. */
  customersWithIban(iban: string | undefined): string[] {
    return iban === undefined ? [] : [...new Set(this.#byIban.get(normalizeIban(iban)) ?? [])];
  }

  /** Customers known by the payer name `name`. */
  customersNamed(name: string | undefined): string[] {
    return name === undefined ? [] : [...new Set(this.#byName.get(comparableName(name)) ?? [])];
  }
}
