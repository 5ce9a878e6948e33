import { z } from 'zod';
import { validate } from '../errors/validate';
import { money } from '../money/money';
import { type Located, child, describe, invalidAt, located, requireText, text } from './camt-elements';
import { readEntry } from './camt-entry';
import { normalizeIban } from './iban';
import { statementAmount, statementCurrency, statementError } from './statement-amount';
import type { BankStatementEntry } from './statement-entry';
import { statementText } from './statement-text';
import { readXml } from './xml-reader';

/** A balance on a statement: signed (a debit balance is negative), with its date. */
export interface StatementBalance {
  readonly amount: string;
  readonly currency: string;
  readonly date?: string;
}

/** One statement (camt.053 `Stmt`, camt.054 `Ntfctn`, camt.052 `Rpt`, or a CSV file) without its entries. */
export interface StatementSummary {
  readonly id: string;
  /** The account's IBAN, or the bank's other identifier. */
  readonly account: string;
  readonly accountCurrency?: string;
  readonly createdAt?: string;
  /** Opening booked balance (`OPBD`, else the previous closing `PRCD`). */
  readonly opening?: StatementBalance;
  /** Closing booked balance (`CLBD`). */
  readonly closing?: StatementBalance;
  /**
   * Whether opening + booked credits − booked debits = closing: `inconsistent` points at a truncated or edited
   * file; `unavailable` when the statement has no opening and closing balance in one currency (camt.054 has none).
   */
  readonly balanceCheck: 'consistent' | 'inconsistent' | 'unavailable';
  readonly entryCount: number;
}

/** A parsed statement file: what it is, its statements and all their entries in file order. */
export interface BankStatementFile {
  /** `camt.053.001.08`, `camt.054.001.02`, …, or `csv`. */
  readonly format: string;
  readonly messageId?: string;
  readonly statements: readonly StatementSummary[];
  readonly entries: readonly BankStatementEntry[];
}

const MESSAGES: Record<string, { message: string; statement: string }> = {
  BkToCstmrStmt: { message: 'camt.053', statement: 'Stmt' },
  BkToCstmrDbtCdtNtfctn: { message: 'camt.054', statement: 'Ntfctn' },
  BkToCstmrAcctRpt: { message: 'camt.052', statement: 'Rpt' },
};

/** Options of {@link parseCamt}: limits against hostile files, and the encoding of byte input. */
export const ParseCamtOptionsSchema = z.strictObject({
  /** Longest document accepted, in characters (default 200,000,000). */
  maxLength: z.number().int().min(1).max(500_000_000).optional(),
  /** Deepest element nesting accepted (default 64). */
  maxDepth: z.number().int().min(8).max(1000).optional(),
  /** The encoding of byte input when the XML declaration names none (default UTF-8). */
  encoding: z.string().min(1).max(40).optional(),
});

/** Options of {@link parseCamt}; see {@link ParseCamtOptionsSchema}. */
export type ParseCamtOptions = z.input<typeof ParseCamtOptionsSchema>;

function balanceOf(statement: Located, codes: readonly string[], currency: string | undefined) {
  for (const code of codes) {
    for (const balance of located(statement, 'Bal')) {
      if (text(balance.element, 'Tp', 'CdOrPrtry', 'Cd') !== code) continue;
      const amountElement = child(balance.element, 'Amt');
      const ccy = amountElement?.attributes.Ccy ?? currency;
      if (amountElement === undefined || ccy === undefined)
        throw invalidAt(balance, ['Amt'], 'Amt with Ccy is required');
      const where = describe(balance, ['Amt'], amountElement.line);
      const amount = statementAmount(
        amountElement.text,
        statementCurrency(ccy, [...balance.path, 'Amt'], where),
        [...balance.path, 'Amt'],
        where,
      );
      const date = text(balance.element, 'Dt', 'Dt') ?? text(balance.element, 'Dt', 'DtTm')?.slice(0, 10);
      const sign = requireText(balance, 'CdtDbtInd') === 'DBIT' ? '-' : '';
      return {
        amount: sign === '-' && /[1-9]/.test(amount) ? `-${amount}` : amount,
        currency: ccy,
        ...(date !== undefined ? { date } : {}),
      };
    }
  }
  return undefined;
}

function balanceCheck(
  opening: StatementBalance | undefined,
  closing: StatementBalance | undefined,
  entries: readonly BankStatementEntry[],
): StatementSummary['balanceCheck'] {
  if (opening === undefined || closing === undefined || opening.currency !== closing.currency) return 'unavailable';
  let balance = money(opening.amount, opening.currency);
  for (const entry of entries) {
    if (entry.status !== 'booked') continue;
    if (entry.currency !== opening.currency) return 'unavailable';
    const amount = money(entry.amount, entry.currency);
    balance = entry.direction === 'credit' ? balance.add(amount) : balance.subtract(amount);
  }
  return balance.compare(money(closing.amount, closing.currency)) === 0 ? 'consistent' : 'inconsistent';
}

/**
 * Parses an ISO 20022 bank-to-customer cash management message — camt.053 statement (`BkToCstmrStmt`), camt.054
 * debit/credit notification (`BkToCstmrDbtCdtNtfctn`) or camt.052 account report (`BkToCstmrAcctRpt`), versions
 * .001.02 to .001.13 — into its statements and entries. Amounts come out as exact decimal strings; entry ids are
 * the bank's `AcctSvcrRef` where it gives one. A document type declaration is refused (no entity expansion, no
 * external entities).
 * @throws BillingError `invalid_input` whose `issues[0].path` names the element (`["statement", "Stmt", 0, "Ntry",
 * 2, "Amt"]`) and whose message gives its line.
 * @example
 * ```ts
 * const file = parseCamt(xml);
 * file.format; // "camt.053.001.08"
 * file.entries[0]; // { id: "2026013100042", amount: "119.00", currency: "EUR", direction: "credit", … }
 * ```
 */
export function parseCamt(input: string | Uint8Array, options: ParseCamtOptions = {}): BankStatementFile {
  const limits = validate(ParseCamtOptionsSchema, options, 'options');
  const root = readXml(statementText(input, 'statement', limits.encoding), 'statement', limits);
  const namespace = root.attributes[root.prefix === '' ? 'xmlns' : `xmlns:${root.prefix}`] ?? '';
  const version = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})$/.exec(namespace);
  const document: Located = { element: root, path: ['statement'] };
  if (root.name !== 'Document' || version === null) {
    throw statementError(
      ['statement'],
      `statement line ${root.line}`,
      `not an ISO 20022 camt.052/053/054 document (root <${root.name}> in namespace "${namespace}")`,
    );
  }
  const messageElement = root.children[0];
  const kind = messageElement === undefined ? undefined : MESSAGES[messageElement.name];
  if (messageElement === undefined || kind === undefined || kind.message !== version[1]) {
    throw invalidAt(
      document,
      [],
      `the ${version[1]} namespace needs its message element (${Object.keys(MESSAGES).join(', ')})`,
    );
  }
  const message: Located = { element: messageElement, path: ['statement', messageElement.name] };
  const statements: StatementSummary[] = [];
  const entries: BankStatementEntry[] = [];
  for (const statement of located(message, kind.statement)) {
    const id = requireText(statement, 'Id');
    const accountId = child(child(statement.element, 'Acct'), 'Id');
    const iban = text(accountId, 'IBAN');
    const account = iban !== undefined ? normalizeIban(iban) : text(accountId, 'Othr', 'Id');
    if (account === undefined) throw invalidAt(statement, ['Acct', 'Id'], 'the account needs an IBAN or Othr/Id');
    const accountCurrency = text(statement.element, 'Acct', 'Ccy');
    const own = located(statement, 'Ntry').map((entry, index) =>
      readEntry(entry, { statementId: id.slice(0, 150), account }, index),
    );
    const opening = balanceOf(statement, ['OPBD', 'PRCD'], accountCurrency);
    const closing = balanceOf(statement, ['CLBD'], accountCurrency);
    const createdAt = text(statement.element, 'CreDtTm');
    statements.push({
      id,
      account,
      ...(accountCurrency !== undefined ? { accountCurrency } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(opening !== undefined ? { opening } : {}),
      ...(closing !== undefined ? { closing } : {}),
      balanceCheck: balanceCheck(opening, closing, own),
      entryCount: own.length,
    });
    for (const entry of own) entries.push(entry);
  }
  const messageId = text(messageElement, 'GrpHdr', 'MsgId');
  return {
    format: `${version[1]}.001.${version[2]}`,
    ...(messageId !== undefined ? { messageId } : {}),
    statements,
    entries,
  };
}
