import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import type { Invoice } from '../domain/invoice';
import { type Money, money } from '../money/money';
import { fieldsToEpoch, fromWallClock, toWallClock } from '../periods/wall-clock';
import type { Statement, StatementCurrency, StatementEntry, StatementInput, StatementOpenItem } from './statement';
import { StatementInputSchema } from './statement';
import { compareEntries, type LedgerEntry, ledgerEntries, type LedgerRecords } from './statement-entries';

const DAY_MS = 86_400_000;

/** Local midnight of `day` (`YYYY-MM-DD`, plus `offset` days) in `timeZone`, as an ISO instant. */
function localMidnight(day: string, offset: number, timeZone: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = { year, month: month - 1, day: date + offset, hour: 0, minute: 0, second: 0, millisecond: 0 };
  return new Date(fromWallClock(wall, timeZone)).toISOString();
}

/** The local calendar day of `instant` in `timeZone`, as days since the epoch. */
function localDayNumber(instant: string, timeZone: string): number {
  const wall = toWallClock(Date.parse(instant), timeZone);
  return Math.floor(fieldsToEpoch({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 }) / DAY_MS);
}

const invalid = (message: string, path: readonly (string | number)[]) =>
  new BillingError(BillingErrorCode.invalidInput, message, { path: ['input', ...path] });

/** Where a record is, whose it is and the instants it carries. */
type RecordFacts = readonly [keyof LedgerRecords, number, string, readonly (string | undefined)[]];

function recordFacts(records: LedgerRecords): RecordFacts[] {
  return [
    ...records.invoices.map((r, i): RecordFacts => ['invoices', i, r.customerId, [r.issuedAt, r.voidedAt]]),
    ...records.payments.map((r, i): RecordFacts => ['payments', i, r.customerId, [r.receivedAt]]),
    ...records.refunds.map((r, i): RecordFacts => ['refunds', i, r.customerId, [r.createdAt]]),
    ...records.creditNotes.map((r, i): RecordFacts => ['creditNotes', i, r.customerId, [r.issuedAt]]),
    ...records.balanceTransactions.map((r, i): RecordFacts => ['balanceTransactions', i, r.customerId, [r.createdAt]]),
  ];
}

/** The newest instant among the records and `floor` (ISO instants in UTC sort as text). */
function latestOf(facts: readonly RecordFacts[], floor: string): string {
  return facts
    .flatMap(([, , , dates]) => dates)
    .reduce<string>((latest, at) => (at !== undefined && at > latest ? at : latest), floor);
}

/** Every record must be the customer's and no later than `asOf` (the records were read then). */
function checkRecords(facts: readonly RecordFacts[], customerId: string, asOf: string): void {
  for (const [name, index, owner, dates] of facts) {
    if (owner !== customerId)
      throw invalid(`${name}[${index}] belongs to another customer`, [name, index, 'customerId']);
    const late = dates.find((at) => at !== undefined && at > asOf);
    if (late !== undefined) {
      throw invalid(`${name}[${index}] is dated ${late}, after asOf ${asOf}: pass the instant the records were read`, [
        'asOf',
      ]);
    }
  }
}

function openItem(invoice: Invoice, asOfDay: number, asOf: string, timeZone: string): StatementOpenItem {
  const due = invoice.dueAt;
  const daysOverdue = due !== undefined && due < asOf ? Math.max(0, asOfDay - localDayNumber(due, timeZone)) : 0;
  return {
    invoiceId: invoice.id,
    number: invoice.number ?? invoice.id,
    issuedAt: invoice.issuedAt as string,
    ...(due !== undefined ? { dueAt: due } : {}),
    total: invoice.total,
    amountRemaining: invoice.amountRemaining,
    daysOverdue,
    status: invoice.status as 'open' | 'uncollectible',
  };
}

function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, amount) => total.add(amount), money('0', currency));
}

/**
 * What the documents say is owed must be what the ledger holds: open invoices less the customer's credit. A gap
 * means records are missing, and a statement over missing records would print wrong figures.
 */
function reconcile(currency: string, entries: readonly LedgerEntry[], records: LedgerRecords): void {
  const owedByDocuments = sum(
    entries.map((entry) => entry.amount),
    currency,
  );
  const remaining = sum(
    records.invoices
      .filter((invoice) => invoice.currency === currency && invoice.status !== 'draft' && invoice.status !== 'void')
      .map((invoice) => money(invoice.amountRemaining, currency)),
    currency,
  );
  const credit = sum(
    records.balanceTransactions.filter((t) => t.currency === currency).map((t) => money(t.amount, currency)),
    currency,
  );
  const owedByLedger = remaining.subtract(credit);
  if (owedByDocuments.compare(owedByLedger) !== 0) {
    throw invalid(
      `The ${currency} records do not add up: documents say ${owedByDocuments} is owed, open invoices less credit say ${owedByLedger}. Pass every invoice, payment, refund, credit note and balance entry of the customer.`,
      [],
    );
  }
}

/**
 * Builds a customer's account statement for a period in their time zone, per currency: the balance brought
 * forward, every invoice, credit note, payment, refund and balance credit of the period with a running balance
 * (positive: the customer owes; negative: they are in credit), the closing balance, and the invoices still open as
 * of `asOf` with their days overdue, beside the credit on the customer's balance. Pure: pass every record of the
 * customer (the engine reads them from storage). Amounts are decimal strings with the currency's decimals.
 *
 * @throws BillingError `invalid_input` with a `path` for a malformed record or period, a record of another
 *   customer or dated after `asOf`, and when the records do not add up (some are missing).
 * @example
 * ```ts
 * const statement = buildStatement({ customer, invoices, payments, refunds, creditNotes, balanceTransactions,
 *   period: { start: '2026-03-01', end: '2026-03-31' }, asOf: clock.now() });
 * statement.currencies[0]?.closingBalance; // "47.70"
 * ```
 */
export function buildStatement(input: StatementInput): Statement {
  const parsed = validate(StatementInputSchema, input, 'input');
  const { customer, period } = parsed;
  const timeZone = customer.timeZone;
  const startsAt = localMidnight(period.start, 0, timeZone);
  const endsAt = localMidnight(period.end, 1, timeZone);
  const facts = recordFacts(parsed);
  const asOf = parsed.asOf ?? latestOf(facts, new Date(Date.parse(endsAt) - 1).toISOString());
  checkRecords(facts, customer.id, asOf);
  const asOfDay = localDayNumber(asOf, timeZone);
  const all = ledgerEntries(parsed).sort(compareEntries);

  const currencies = new Set<string>([customer.currency]);
  for (const entry of all) currencies.add(entry.amount.currency);
  for (const transaction of parsed.balanceTransactions) currencies.add(transaction.currency);

  const sections: StatementCurrency[] = [];
  for (const currency of [...currencies].sort()) {
    const entries = all.filter((entry) => entry.amount.currency === currency);
    reconcile(currency, entries, parsed);
    const zero = money('0', currency);
    const opening = sum(
      entries.filter((entry) => entry.at < startsAt).map((entry) => entry.amount),
      currency,
    );
    let balance = opening;
    let debits = zero;
    let credits = zero;
    const lines: StatementEntry[] = [];
    for (const entry of entries) {
      if (entry.at < startsAt || entry.at >= endsAt) continue;
      balance = balance.add(entry.amount);
      const debit = entry.amount.isNegative() ? zero : entry.amount;
      const credit = entry.amount.isNegative() ? entry.amount.negate() : zero;
      debits = debits.add(debit);
      credits = credits.add(credit);
      lines.push({
        kind: entry.kind,
        at: entry.at,
        sourceId: entry.sourceId,
        reference: entry.reference,
        ...(entry.invoiceNumber !== undefined ? { invoiceNumber: entry.invoiceNumber } : {}),
        ...(entry.method !== undefined ? { method: entry.method } : {}),
        debit: debit.toString(),
        credit: credit.toString(),
        balance: balance.toString(),
      });
    }
    const openItems = parsed.invoices
      .filter(
        (invoice) =>
          invoice.currency === currency &&
          (invoice.status === 'open' || invoice.status === 'uncollectible') &&
          invoice.issuedAt !== undefined &&
          invoice.issuedAt < endsAt &&
          !money(invoice.amountRemaining, currency).isZero(),
      )
      .map((invoice) => openItem(invoice, asOfDay, asOf, timeZone))
      .sort((a, b) => (a.dueAt ?? a.issuedAt).localeCompare(b.dueAt ?? b.issuedAt) || a.number.localeCompare(b.number));
    const creditBalance = sum(
      parsed.balanceTransactions.filter((t) => t.currency === currency).map((t) => money(t.amount, currency)),
      currency,
    );
    const empty = lines.length === 0 && opening.isZero() && openItems.length === 0 && creditBalance.isZero();
    if (empty && currency !== customer.currency) continue;
    sections.push({
      currency,
      openingBalance: opening.toString(),
      entries: lines,
      totalDebits: debits.toString(),
      totalCredits: credits.toString(),
      closingBalance: balance.toString(),
      openItems,
      openTotal: sum(
        openItems.map((item) => money(item.amountRemaining, currency)),
        currency,
      ).toString(),
      creditBalance: creditBalance.toString(),
    });
  }
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      email: customer.email,
      ...(customer.address !== undefined ? { address: customer.address } : {}),
      taxIds: customer.taxIds,
      taxStatus: customer.taxStatus,
      locale: customer.locale,
      timeZone,
    },
    period,
    periodStartsAt: startsAt,
    periodEndsAt: endsAt,
    asOf,
    currencies: sections,
  };
}
