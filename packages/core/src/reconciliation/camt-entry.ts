/**
 * One camt `Ntry` (report entry, versions .001.02 to .001.13) as a {@link BankStatementEntry}: the fields whose shape
 * changed between versions (`Sts` as a code or a choice, parties with or without `Pty`, the transaction amount in
 * `Amt` or `AmtDtls/TxAmt`) are read in both forms.
 * @internal
 */
import { type Located, child, invalidAt, located, requireText, text } from './camt-elements';
import { normalizeIban } from './iban';
import { statementAmount, statementCurrency } from './statement-amount';
import {
  CalendarDateSchema,
  type BankStatementEntry,
  type StatementParty,
  type StatementTransaction,
} from './statement-entry';
import type { XmlElement } from './xml-reader';

const STATUS: Record<string, BankStatementEntry['status']> = {
  BOOK: 'booked',
  PDNG: 'pending',
  INFO: 'information',
  FUTR: 'future',
};

/** The statement an entry belongs to. */
export interface EntryOwner {
  readonly statementId: string;
  readonly account: string;
}

/** An amount element (`<Amt Ccy="EUR">12.50</Amt>`) as a canonical amount and its currency. */
function amountOf(at: Located, names: string[]): { amount: string; currency: string } {
  let element: XmlElement | undefined = at.element;
  for (const name of names) element = child(element, name);
  if (element === undefined) throw invalidAt(at, names, `${names.join('/')} is required`);
  const code = element.attributes.Ccy;
  if (code === undefined) throw invalidAt(at, names, 'the Ccy attribute is required');
  const where = `statement line ${element.line}`;
  const currency = statementCurrency(code, [...at.path, ...names], where);
  return { amount: statementAmount(element.text, currency, [...at.path, ...names], where), currency };
}

/** `YYYY-MM-DD` of a `Dt` or `DtTm` choice (the bank's own date, the time and zone dropped). */
function dateOf(at: Located, name: string): string | undefined {
  const holder = child(at.element, name);
  if (holder === undefined) return undefined;
  const value = text(holder, 'Dt') ?? text(holder, 'DtTm')?.slice(0, 10);
  if (value === undefined || !CalendarDateSchema.safeParse(value).success) {
    throw invalidAt(at, [name], `${name} needs a Dt (YYYY-MM-DD) or DtTm`);
  }
  return value;
}

/** A party (`Dbtr`, `Cdtr`: a name directly or under `Pty`) and its account (`DbtrAcct`, `CdtrAcct`). */
function partyOf(parties: XmlElement | undefined, role: 'Dbtr' | 'Cdtr'): StatementParty | undefined {
  const party = child(parties, role);
  const identity = child(party, 'Pty') ?? party;
  const ultimate = child(parties, `Ultmt${role}`);
  const name = text(identity, 'Nm') ?? text(child(ultimate, 'Pty') ?? ultimate, 'Nm');
  const accountId = child(child(parties, `${role}Acct`), 'Id');
  const iban = text(accountId, 'IBAN');
  const account = text(accountId, 'Othr', 'Id');
  if (name === undefined && iban === undefined && account === undefined) return undefined;
  return {
    ...(name !== undefined ? { name: name.slice(0, 500) } : {}),
    ...(iban !== undefined ? { iban: normalizeIban(iban).slice(0, 34) } : {}),
    ...(account !== undefined ? { account: account.slice(0, 70) } : {}),
  };
}

/** Remittance information: unstructured lines, structured creditor references, referred document numbers. */
function remittanceOf(transaction: XmlElement | undefined): StatementTransaction['remittance'] {
  const remittance = child(transaction, 'RmtInf');
  const unstructured: string[] = [];
  const creditorReferences: string[] = [];
  const referredDocuments: string[] = [];
  for (const element of remittance?.children ?? []) {
    if (element.name === 'Ustrd') {
      const line = element.text.trim();
      if (line !== '') unstructured.push(line.slice(0, 500));
    } else if (element.name === 'Strd') {
      const reference = text(element, 'CdtrRefInf', 'Ref');
      if (reference !== undefined) creditorReferences.push(reference.slice(0, 70));
      for (const document of element.children) {
        const number = document.name === 'RfrdDocInf' ? text(document, 'Nb') : undefined;
        if (number !== undefined) referredDocuments.push(number.slice(0, 70));
      }
    }
  }
  return { unstructured, creditorReferences, referredDocuments };
}

/** One `TxDtls`. */
function transactionOf(at: Located): StatementTransaction {
  const element = at.element;
  const own =
    child(element, 'Amt') !== undefined
      ? ['Amt']
      : child(child(element, 'AmtDtls'), 'TxAmt')
        ? ['AmtDtls', 'TxAmt', 'Amt']
        : undefined;
  const amount = own === undefined ? undefined : amountOf(at, own);
  const endToEndId = text(element, 'Refs', 'EndToEndId');
  const parties = child(element, 'RltdPties');
  const debtor = partyOf(parties, 'Dbtr');
  const creditor = partyOf(parties, 'Cdtr');
  const reference = text(element, 'Refs', 'AcctSvcrRef');
  const additional = text(element, 'AddtlTxInf');
  return {
    ...(amount !== undefined ? amount : {}),
    ...(reference !== undefined ? { accountServicerReference: reference.slice(0, 70) } : {}),
    ...(endToEndId !== undefined && endToEndId !== 'NOTPROVIDED' ? { endToEndId: endToEndId.slice(0, 70) } : {}),
    ...(debtor !== undefined ? { debtor } : {}),
    ...(creditor !== undefined ? { creditor } : {}),
    remittance: remittanceOf(element),
    ...(additional !== undefined ? { additionalInformation: additional.slice(0, 500) } : {}),
  };
}

/** Reads one `Ntry`; `index` is its position in the statement (for a derived id when the bank gave none). */
export function readEntry(at: Located, owner: EntryOwner, index: number): BankStatementEntry {
  const { amount, currency } = amountOf(at, ['Amt']);
  const indicator = requireText(at, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT')
    throw invalidAt(at, ['CdtDbtInd'], `"${indicator}" is not CRDT or DBIT`);
  const statusCode = text(at.element, 'Sts', 'Cd') ?? text(at.element, 'Sts', 'Prtry') ?? requireText(at, 'Sts');
  const reversal = text(at.element, 'RvslInd');
  const details = located(at, 'NtryDtls').flatMap((d) => located(d, 'TxDtls'));
  const transactions = details.length > 0 ? details.map(transactionOf) : [transactionOf(at)];
  const servicerReference = text(at.element, 'AcctSvcrRef');
  const entryReference = text(at.element, 'NtryRef');
  const onlyReference = transactions.length === 1 ? transactions[0]?.accountServicerReference : undefined;
  const [id, idSource]: [string, BankStatementEntry['idSource']] =
    servicerReference !== undefined
      ? [servicerReference, 'account_servicer_reference']
      : entryReference !== undefined
        ? [entryReference, 'entry_reference']
        : onlyReference !== undefined
          ? [onlyReference, 'transaction_reference']
          : [`${owner.statementId}/${index + 1}`, 'derived'];
  const bookingDate = dateOf(at, 'BookgDt');
  const valueDate = dateOf(at, 'ValDt');
  const additional = text(at.element, 'AddtlNtryInf');
  return {
    id: id.slice(0, 150),
    idSource,
    statementId: owner.statementId,
    account: owner.account,
    ...(bookingDate !== undefined ? { bookingDate } : {}),
    ...(valueDate !== undefined ? { valueDate } : {}),
    amount,
    currency,
    direction: indicator === 'CRDT' ? 'credit' : 'debit',
    status: STATUS[statusCode] ?? 'other',
    reversal: reversal === 'true' || reversal === '1',
    transactions,
    ...(additional !== undefined ? { additionalInformation: additional.slice(0, 500) } : {}),
  };
}
