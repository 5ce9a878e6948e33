import type { PaymentMethod, StatementEntryKind } from '@billfold/core';

/**
 * The words of an account statement, one catalog per language (the words it shares with invoices — seller, VAT id,
 * "Page n of N" — come from the document catalog). Add a language by writing a catalog of this shape and passing it
 * as `statementMessages`.
 */
export interface StatementMessages {
  readonly statement: string;
  readonly statementPeriod: string;
  readonly statementDate: string;
  readonly customerNumber: string;
  /** The heading over the customer's address. */
  readonly customer: string;
  /** `"1 March 2026 – 31 March 2026"` */
  readonly periodRange: (start: string, end: string) => string;
  /** The heading of one currency's part: `"Account in EUR"`. */
  readonly accountIn: (currency: string) => string;
  readonly openingBalance: string;
  readonly charges: string;
  readonly paymentsAndCredits: string;
  readonly closingBalance: string;
  /** Under the summary: how to read the sign of a balance. */
  readonly balanceNote: string;
  readonly transactions: string;
  readonly date: string;
  readonly description: string;
  readonly debit: string;
  readonly credit: string;
  readonly balance: string;
  readonly balanceBroughtForward: string;
  readonly noTransactions: string;
  /** What a statement line is, from its kind, reference, the invoice it concerns and the payment method. */
  readonly entry: (
    kind: StatementEntryKind,
    reference: string,
    invoiceNumber: string | undefined,
    method: string | undefined,
  ) => string;
  readonly methods: Readonly<Record<PaymentMethod, string>>;
  /** `"Open items as of 2 April 2026"` */
  readonly openItemsAsOf: (date: string) => string;
  readonly invoice: string;
  readonly issued: string;
  readonly due: string;
  readonly daysOverdue: string;
  readonly total: string;
  readonly open: string;
  readonly totalOpen: string;
  readonly creditOnAccount: string;
  readonly noOpenItems: string;
}

/** English statement messages. */
export const englishStatementMessages: StatementMessages = {
  statement: 'Account statement',
  statementPeriod: 'Statement period',
  statementDate: 'Statement date',
  customerNumber: 'Customer number',
  customer: 'Customer',
  periodRange: (start, end) => `${start} – ${end}`,
  accountIn: (currency) => `Account in ${currency}`,
  openingBalance: 'Opening balance',
  charges: 'Charges',
  paymentsAndCredits: 'Payments and credits',
  closingBalance: 'Closing balance',
  balanceNote: 'A positive balance is owed by you; a negative balance is credit in your favour.',
  transactions: 'Transactions',
  date: 'Date',
  description: 'Description',
  debit: 'Charges',
  credit: 'Credits',
  balance: 'Balance',
  balanceBroughtForward: 'Balance brought forward',
  noTransactions: 'No transactions in this period.',
  entry: (kind, reference, invoiceNumber, method) => {
    switch (kind) {
      case 'invoice':
        return `Invoice ${reference}`;
      case 'invoice_void':
        return `Invoice ${reference} voided`;
      case 'credit_note':
        return invoiceNumber ? `Credit note ${reference} for invoice ${invoiceNumber}` : `Credit note ${reference}`;
      case 'payment':
        return `Payment${method ? ` (${method})` : ''} ${reference}`;
      case 'refund':
        return `Refund ${reference}`;
      case 'credit':
        return 'Credit to your account';
      case 'adjustment':
        return 'Account adjustment';
    }
  },
  methods: {
    cash: 'cash',
    cheque: 'cheque',
    bank_transfer: 'bank transfer',
    card_external: 'card',
    gateway: 'online payment',
  },
  openItemsAsOf: (date) => `Open items as of ${date}`,
  invoice: 'Invoice',
  issued: 'Issued',
  due: 'Due',
  daysOverdue: 'Days overdue',
  total: 'Total',
  open: 'Open',
  totalOpen: 'Total open',
  creditOnAccount: 'Credit on your account',
  noOpenItems: 'No open invoices.',
};

/** German statement messages. */
export const germanStatementMessages: StatementMessages = {
  statement: 'Kontoauszug',
  statementPeriod: 'Zeitraum',
  statementDate: 'Stand',
  customerNumber: 'Kundennummer',
  customer: 'Kunde',
  periodRange: (start, end) => `${start} – ${end}`,
  accountIn: (currency) => `Konto in ${currency}`,
  openingBalance: 'Anfangssaldo',
  charges: 'Belastungen',
  paymentsAndCredits: 'Zahlungen und Gutschriften',
  closingBalance: 'Schlusssaldo',
  balanceNote: 'Ein positiver Saldo ist von Ihnen zu zahlen; ein negativer Saldo ist ein Guthaben zu Ihren Gunsten.',
  transactions: 'Buchungen',
  date: 'Datum',
  description: 'Beschreibung',
  debit: 'Belastung',
  credit: 'Gutschrift',
  balance: 'Saldo',
  balanceBroughtForward: 'Saldovortrag',
  noTransactions: 'Keine Buchungen in diesem Zeitraum.',
  entry: (kind, reference, invoiceNumber, method) => {
    switch (kind) {
      case 'invoice':
        return `Rechnung ${reference}`;
      case 'invoice_void':
        return `Rechnung ${reference} storniert`;
      case 'credit_note':
        return invoiceNumber ? `Gutschrift ${reference} zu Rechnung ${invoiceNumber}` : `Gutschrift ${reference}`;
      case 'payment':
        return `Zahlung${method ? ` (${method})` : ''} ${reference}`;
      case 'refund':
        return `Erstattung ${reference}`;
      case 'credit':
        return 'Gutschrift auf Ihr Kundenkonto';
      case 'adjustment':
        return 'Kontokorrektur';
    }
  },
  methods: {
    cash: 'bar',
    cheque: 'Scheck',
    bank_transfer: 'Überweisung',
    card_external: 'Karte',
    gateway: 'online',
  },
  openItemsAsOf: (date) => `Offene Posten am ${date}`,
  invoice: 'Rechnung',
  issued: 'Rechnungsdatum',
  due: 'Fällig',
  daysOverdue: 'Tage überfällig',
  total: 'Betrag',
  open: 'Offen',
  totalOpen: 'Offen gesamt',
  creditOnAccount: 'Guthaben auf Ihrem Konto',
  noOpenItems: 'Keine offenen Rechnungen.',
};

/** The built-in statement catalogs by language subtag (`en`, `de`). */
export const statementCatalogs: Readonly<Record<string, StatementMessages>> = {
  en: englishStatementMessages,
  de: germanStatementMessages,
};
