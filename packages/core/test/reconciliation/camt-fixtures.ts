/**
 * Builds camt.053 / camt.054 test statements element by element in the order of the published ISO 20022 schemas
 * (camt.053.001.02 / .001.08, camt.054.001.02 / .001.04): `Sts` as a code before .001.07 and a choice after,
 * parties with `Pty` from .001.07, the transaction amount in `AmtDtls/TxAmt` in .001.02 and in `Amt` later.
 */

/** One transaction (`TxDtls`) of an entry. */
export interface TxSpec {
  readonly amount?: string;
  readonly reference?: string;
  readonly endToEndId?: string;
  readonly debtorName?: string;
  readonly debtorIban?: string;
  readonly unstructured?: readonly string[];
  /** A structured creditor reference (`Strd/CdtrRefInf`, type SCOR). */
  readonly creditorReference?: string;
  /** A referred document number (`Strd/RfrdDocInf/Nb`). */
  readonly documentNumber?: string;
}

/** One entry (`Ntry`). */
export interface EntrySpec {
  readonly reference?: string;
  readonly entryReference?: string;
  readonly amount: string;
  readonly currency?: string;
  readonly direction?: 'CRDT' | 'DBIT';
  readonly status?: string;
  readonly bookingDate?: string;
  readonly valueDate?: string;
  readonly reversal?: boolean;
  readonly transactions?: readonly TxSpec[];
  readonly additionalInfo?: string;
}

/** One statement (`Stmt`) or notification (`Ntfctn`). */
export interface StatementSpec {
  readonly id: string;
  readonly iban: string;
  readonly currency?: string;
  /** Opening and closing booked balances (camt.053 only), as `[amount, CRDT|DBIT]`. */
  readonly opening?: readonly [string, 'CRDT' | 'DBIT'];
  readonly closing?: readonly [string, 'CRDT' | 'DBIT'];
  readonly entries: readonly EntrySpec[];
}

/** Which message and version. */
export interface DocumentSpec {
  readonly message: '053' | '054';
  readonly version: '02' | '04' | '08';
  readonly messageId?: string;
  readonly statements: readonly StatementSpec[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, content: string | undefined) =>
  content === undefined ? '' : `<${name}>${content}</${name}>`;
const txt = (name: string, value: string | undefined) => (value === undefined ? '' : el(name, escapeXml(value)));

function transaction(tx: TxSpec, entry: EntrySpec, version: DocumentSpec['version']): string {
  const currency = entry.currency ?? 'EUR';
  const refs =
    tx.reference !== undefined || tx.endToEndId !== undefined
      ? el('Refs', txt('AcctSvcrRef', tx.reference) + txt('EndToEndId', tx.endToEndId))
      : '';
  const amount =
    tx.amount === undefined
      ? ''
      : version === '02'
        ? el('AmtDtls', el('TxAmt', `<Amt Ccy="${currency}">${tx.amount}</Amt>`))
        : `<Amt Ccy="${currency}">${tx.amount}</Amt>${el('CdtDbtInd', entry.direction ?? 'CRDT')}`;
  const name = txt('Nm', tx.debtorName);
  const debtor = tx.debtorName === undefined ? '' : el('Dbtr', version === '08' ? el('Pty', name) : name);
  const debtorAccount = tx.debtorIban === undefined ? '' : el('DbtrAcct', el('Id', txt('IBAN', tx.debtorIban)));
  const parties = debtor + debtorAccount === '' ? '' : el('RltdPties', debtor + debtorAccount);
  const structured =
    tx.creditorReference === undefined && tx.documentNumber === undefined
      ? ''
      : el(
          'Strd',
          (tx.documentNumber === undefined ? '' : el('RfrdDocInf', txt('Nb', tx.documentNumber))) +
            (tx.creditorReference === undefined
              ? ''
              : el('CdtrRefInf', el('Tp', el('CdOrPrtry', el('Cd', 'SCOR'))) + txt('Ref', tx.creditorReference))),
        );
  const remittance = (tx.unstructured ?? []).map((line) => txt('Ustrd', line)).join('') + structured;
  return el('TxDtls', refs + amount + parties + (remittance === '' ? '' : el('RmtInf', remittance)));
}

function entry(spec: EntrySpec, version: DocumentSpec['version']): string {
  const currency = spec.currency ?? 'EUR';
  const direction = spec.direction ?? 'CRDT';
  const status = spec.status ?? 'BOOK';
  const family = direction === 'CRDT' ? 'RCDT' : 'ICDT';
  return el(
    'Ntry',
    txt('NtryRef', spec.entryReference) +
      `<Amt Ccy="${currency}">${spec.amount}</Amt>` +
      el('CdtDbtInd', direction) +
      (spec.reversal ? el('RvslInd', 'true') : '') +
      (version === '08' ? el('Sts', el('Cd', status)) : el('Sts', status)) +
      el('BookgDt', el('Dt', spec.bookingDate ?? '2026-01-31')) +
      el('ValDt', el('Dt', spec.valueDate ?? spec.bookingDate ?? '2026-01-31')) +
      txt('AcctSvcrRef', spec.reference) +
      el('BkTxCd', el('Domn', el('Cd', 'PMNT') + el('Fmly', el('Cd', family) + el('SubFmlyCd', 'ESCT')))) +
      (spec.transactions === undefined || spec.transactions.length === 0
        ? ''
        : el('NtryDtls', spec.transactions.map((tx) => transaction(tx, spec, version)).join(''))) +
      txt('AddtlNtryInf', spec.additionalInfo),
  );
}

function balance(code: string, [amount, direction]: readonly [string, string], currency: string): string {
  return el(
    'Bal',
    el('Tp', el('CdOrPrtry', el('Cd', code))) +
      `<Amt Ccy="${currency}">${amount}</Amt>` +
      el('CdtDbtInd', direction) +
      el('Dt', el('Dt', '2026-01-31')),
  );
}

/** A camt.053 or camt.054 document as text. */
export function camtDocument(spec: DocumentSpec): string {
  const [message, statementName] =
    spec.message === '053' ? ['BkToCstmrStmt', 'Stmt'] : ['BkToCstmrDbtCdtNtfctn', 'Ntfctn'];
  const statements = spec.statements
    .map((s) => {
      const currency = s.currency ?? 'EUR';
      const balances =
        spec.message === '053'
          ? balance('OPBD', s.opening ?? ['0.00', 'CRDT'], currency) +
            balance('CLBD', s.closing ?? ['0.00', 'CRDT'], currency)
          : '';
      return el(
        statementName,
        txt('Id', s.id) +
          el('CreDtTm', '2026-02-01T06:00:00+01:00') +
          el('Acct', el('Id', txt('IBAN', s.iban)) + txt('Ccy', currency)) +
          balances +
          s.entries.map((e) => entry(e, spec.version)).join(''),
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${spec.message}.001.${spec.version}">` +
    el(
      message,
      el('GrpHdr', txt('MsgId', spec.messageId ?? 'MSG-2026-01-31') + el('CreDtTm', '2026-02-01T06:00:00+01:00')) +
        statements,
    ) +
    '</Document>\n'
  );
}
