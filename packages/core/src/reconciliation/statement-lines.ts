/**
 * The unit of matching: one payment. A batch booking (one entry, several transactions that each carry an amount
 * adding up to the entry's) is split into one line per transaction, `<entry id>#<n>`; any other entry is one
 * line whose text is everything its transactions say.
 * @internal
 */
import { money } from '../money/money';
import type { BankStatementEntry, StatementParty, StatementTransaction } from './statement-entry';

/** One payment to match. */
export interface StatementLine {
  /** The entry id, or `<entry id>#<n>` (from 1) for the n-th payment of a batch. */
  readonly id: string;
  readonly entry: BankStatementEntry;
  readonly amount: string;
  readonly currency: string;
  /** The paying party (the first transaction's debtor). */
  readonly payer?: StatementParty;
  readonly endToEndId?: string;
  /** Everything the payer and the bank wrote, one source per item, to search for references. */
  readonly texts: readonly string[];
}

function textsOf(transactions: readonly StatementTransaction[], entry: BankStatementEntry): string[] {
  const texts: string[] = [];
  for (const t of transactions) {
    texts.push(...t.remittance.creditorReferences, ...t.remittance.referredDocuments);
    if (t.remittance.unstructured.length > 0) texts.push(t.remittance.unstructured.join(' '));
    if (t.endToEndId !== undefined) texts.push(t.endToEndId);
    if (t.additionalInformation !== undefined) texts.push(t.additionalInformation);
  }
  if (entry.additionalInformation !== undefined) texts.push(entry.additionalInformation);
  return texts;
}

function line(
  id: string,
  entry: BankStatementEntry,
  amount: string,
  transactions: readonly StatementTransaction[],
): StatementLine {
  const payer = transactions.find((t) => t.debtor !== undefined)?.debtor;
  const endToEndId = transactions.length === 1 ? transactions[0]?.endToEndId : undefined;
  return {
    id,
    entry,
    amount: money(amount, entry.currency).toString(),
    currency: entry.currency,
    ...(payer !== undefined ? { payer } : {}),
    ...(endToEndId !== undefined ? { endToEndId } : {}),
    texts: textsOf(transactions, entry),
  };
}

/** The lines of one entry. */
export function statementLines(entry: BankStatementEntry): StatementLine[] {
  const parts = entry.transactions;
  if (
    parts.length > 1 &&
    parts.every((t) => t.amount !== undefined && (t.currency ?? entry.currency) === entry.currency)
  ) {
    const total = parts.reduce(
      (sum, t) => sum.add(money(t.amount as string, entry.currency)),
      money('0', entry.currency),
    );
    if (
      total.compare(money(entry.amount, entry.currency)) === 0 &&
      parts.every((t) => /[1-9]/.test(t.amount as string))
    ) {
      return parts.map((t, i) => line(`${entry.id}#${i + 1}`, entry, t.amount as string, [t]));
    }
  }
  return [line(entry.id, entry, entry.amount, parts)];
}
