import { money as coreMoney, type Statement, type StatementCurrency } from '@billfold/core';
import { requestedLocale } from '../document-output';
import { catalogFor, type DocumentMessages, messagesFor } from '../messages/document-messages';
import { cleanLine } from '../model/clean-text';
import type { DocumentParty } from '../model/document-model';
import type { Figure } from '../model/figure';
import { createLocalizer, type Localizer } from '../model/localizer';
import { buyerParty, sellerParty } from '../model/parties';
import { type StatementMessages, statementCatalogs } from './statement-messages';
import type { ResolvedStatementOptions } from './statement-options';

/** A table of a statement, its cells already formatted for people (HTML escapes them, the PDF draws them). @internal */
export interface StatementTable {
  readonly caption: string;
  readonly columns: readonly { readonly label: string; readonly numeric: boolean }[];
  readonly rows: readonly (readonly string[])[];
  /** Shown instead of the table when it has no rows. */
  readonly empty: string;
}

/** One currency's part of the statement, formatted. @internal */
export interface StatementSectionView {
  readonly heading: string;
  readonly summary: readonly Figure[];
  readonly transactions: StatementTable;
  readonly openItems: StatementTable;
  readonly openSummary: readonly Figure[];
}

/** A statement as HTML and PDF show it: every value formatted and cleaned. @internal */
export interface StatementView {
  readonly title: string;
  readonly messages: StatementMessages;
  /** The document localizer (language, dates, shared words) of the first currency. */
  readonly l10n: Localizer;
  readonly seller: DocumentParty;
  readonly buyer: DocumentParty;
  readonly facts: readonly (readonly [string, string])[];
  readonly note: string;
  readonly sections: readonly StatementSectionView[];
  readonly date: string;
}

/**
 * The language the statement is written in, with both of its catalogs. A language missing either catalog renders
 * wholly in English, labels and formats alike, not half and half.
 * @internal
 */
export function statementLanguage(
  options: ResolvedStatementOptions,
  customerLocale: string,
): { locale: string; messages: StatementMessages; documentMessages: DocumentMessages } {
  const requested = requestedLocale(options, customerLocale);
  const language = requested.split('-')[0]?.toLowerCase() ?? '';
  const messages = options.statementMessages ?? statementCatalogs[language];
  const documentMessages = options.messages ?? catalogFor(requested);
  if (messages === undefined || documentMessages === undefined) {
    return { locale: 'en', messages: statementCatalogs.en as StatementMessages, documentMessages: messagesFor('en') };
  }
  return { locale: requested, messages, documentMessages };
}

function section(
  part: StatementCurrency,
  statement: Statement,
  l10n: Localizer,
  m: StatementMessages,
): StatementSectionView {
  const money = l10n.money;
  const isZero = (amount: string) => coreMoney(amount, part.currency).isZero();
  const rows = part.entries.map((entry) => {
    const method = entry.method === undefined ? undefined : m.methods[entry.method];
    const invoiceNumber = entry.invoiceNumber === undefined ? undefined : cleanLine(entry.invoiceNumber);
    return [
      l10n.date(entry.at),
      m.entry(entry.kind, cleanLine(entry.reference), invoiceNumber, method),
      isZero(entry.debit) ? '' : money(entry.debit),
      isZero(entry.credit) ? '' : money(entry.credit),
      money(entry.balance),
    ];
  });
  const brought = [l10n.date(statement.periodStartsAt), m.balanceBroughtForward, '', '', money(part.openingBalance)];
  const openRows = part.openItems.map((item) => [
    cleanLine(item.number),
    l10n.date(item.issuedAt),
    item.dueAt === undefined ? '' : l10n.date(item.dueAt),
    String(item.daysOverdue),
    money(item.total),
    money(item.amountRemaining),
  ]);
  const openSummary: Figure[] = [{ label: m.totalOpen, value: money(part.openTotal), emphasis: true }];
  if (!isZero(part.creditBalance)) {
    openSummary.push({ label: m.creditOnAccount, value: money(part.creditBalance), emphasis: false });
  }
  const numeric = (label: string) => ({ label, numeric: true });
  const text = (label: string) => ({ label, numeric: false });
  return {
    heading: m.accountIn(part.currency),
    summary: [
      { label: m.openingBalance, value: money(part.openingBalance), emphasis: false },
      { label: m.charges, value: money(part.totalDebits), emphasis: false },
      { label: m.paymentsAndCredits, value: money(part.totalCredits), emphasis: false },
      { label: m.closingBalance, value: money(part.closingBalance), emphasis: true },
    ],
    transactions: {
      caption: m.transactions,
      columns: [text(m.date), text(m.description), numeric(m.debit), numeric(m.credit), numeric(m.balance)],
      rows: [brought, ...rows],
      empty: m.noTransactions,
    },
    openItems: {
      caption: m.openItemsAsOf(l10n.date(statement.asOf)),
      columns: [
        text(m.invoice),
        text(m.issued),
        text(m.due),
        numeric(m.daysOverdue),
        numeric(m.total),
        numeric(m.open),
      ],
      rows: openRows,
      empty: m.noOpenItems,
    },
    openSummary,
  };
}

/**
 * Formats a statement for people: its language (see {@link statementLanguage}), dates in the customer's time zone
 * (or `options.timeZone`), money per currency, user text cleaned of control characters.
 * @internal
 */
export function statementView(statement: Statement, options: ResolvedStatementOptions): StatementView {
  const { locale, messages: m, documentMessages } = statementLanguage(options, statement.customer.locale);
  const timeZone = options.timeZone ?? statement.customer.timeZone;
  const localizer = (currency: string) => createLocalizer(locale, timeZone, currency, documentMessages);
  const first = localizer(statement.currencies[0]?.currency ?? 'EUR');
  // The period's last instant lies on its last local day.
  const lastInstant = new Date(Date.parse(statement.periodEndsAt) - 1).toISOString();
  const facts: [string, string][] = [
    [m.customerNumber, cleanLine(statement.customer.id)],
    [m.statementPeriod, m.periodRange(first.date(statement.periodStartsAt), first.date(lastInstant))],
    [m.statementDate, first.date(statement.asOf)],
  ];
  for (const field of options.customFields) facts.push([cleanLine(field.name), cleanLine(field.value)]);
  return {
    title: m.statement,
    messages: m,
    l10n: first,
    seller: sellerParty(options.seller),
    buyer: buyerParty(statement.customer),
    facts,
    note: m.balanceNote,
    sections: statement.currencies.map((part) => section(part, statement, localizer(part.currency), m)),
    date: statement.asOf,
  };
}
