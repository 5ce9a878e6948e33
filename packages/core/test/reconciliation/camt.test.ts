import { describe, expect, it } from 'vitest';
import { isBillingError } from '../../src/errors/billing-error';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import { camtDocument, type StatementSpec } from './camt-fixtures';

const statement: StatementSpec = {
  id: 'STMT-2026-01',
  iban: 'DE89 3704 0044 0532 0130 00',
  opening: ['1000.00', 'CRDT'],
  // 1000.00 + 119.00 + 60.00 (batch 25 + 35) − 42.50 = 1136.50; the pending credit does not count
  closing: ['1136.50', 'CRDT'],
  entries: [
    {
      reference: '2026013100001',
      amount: '119.00',
      transactions: [
        {
          reference: 'TX-1',
          endToEndId: 'E2E-ADA-1',
          amount: '119.00',
          debtorName: 'Ada & Lovelace Ltd',
          debtorIban: 'GB29 NWBK 6016 1331 9268 19',
          unstructured: ['Invoice INV-2026-000123', 'thank you'],
          creditorReference: 'RF98INV2026000123',
        },
      ],
    },
    {
      reference: '2026013100002',
      amount: '60.00',
      valueDate: '2026-02-02',
      transactions: [
        { amount: '25.00', endToEndId: 'NOTPROVIDED', unstructured: ['INV-2026-000124'] },
        { amount: '35.00', debtorName: 'Grace Hopper', documentNumber: 'INV-2026-000125' },
      ],
    },
    { reference: '2026013100003', amount: '42.50', direction: 'DBIT', additionalInfo: 'Card fee' },
    { entryReference: 'N-4', amount: '5.00', status: 'PDNG' },
  ],
};

describe('camt.053 / camt.054 parsing', () => {
  for (const version of ['02', '08'] as const) {
    it(`reads a camt.053.001.${version} statement into exact entries`, () => {
      const file = parseCamt(camtDocument({ message: '053', version, statements: [statement] }));
      expect(file.format).toBe(`camt.053.001.${version}`);
      expect(file.messageId).toBe('MSG-2026-01-31');
      expect(file.statements).toEqual([
        {
          id: 'STMT-2026-01',
          account: 'DE89370400440532013000',
          accountCurrency: 'EUR',
          createdAt: '2026-02-01T06:00:00+01:00',
          opening: { amount: '1000.00', currency: 'EUR', date: '2026-01-31' },
          closing: { amount: '1136.50', currency: 'EUR', date: '2026-01-31' },
          balanceCheck: 'consistent',
          entryCount: 4,
        },
      ]);
      const [first, batch, debit, pending] = file.entries;
      expect(first).toEqual({
        id: '2026013100001',
        idSource: 'account_servicer_reference',
        statementId: 'STMT-2026-01',
        account: 'DE89370400440532013000',
        bookingDate: '2026-01-31',
        valueDate: '2026-01-31',
        amount: '119.00',
        currency: 'EUR',
        direction: 'credit',
        status: 'booked',
        reversal: false,
        transactions: [
          {
            amount: '119.00',
            currency: 'EUR',
            accountServicerReference: 'TX-1',
            endToEndId: 'E2E-ADA-1',
            debtor: { name: 'Ada & Lovelace Ltd', iban: 'GB29NWBK60161331926819' },
            remittance: {
              unstructured: ['Invoice INV-2026-000123', 'thank you'],
              creditorReferences: ['RF98INV2026000123'],
              referredDocuments: [],
            },
          },
        ],
      });
      expect(
        batch?.transactions.map((t) => [t.amount, t.endToEndId, t.debtor?.name, t.remittance.referredDocuments]),
      ).toEqual([
        ['25.00', undefined, undefined, []],
        ['35.00', undefined, 'Grace Hopper', ['INV-2026-000125']],
      ]);
      expect(batch?.valueDate).toBe('2026-02-02');
      expect(debit).toMatchObject({ direction: 'debit', amount: '42.50', additionalInformation: 'Card fee' });
      expect(pending).toMatchObject({ id: 'N-4', idSource: 'entry_reference', status: 'pending' });
    });
  }

  it('reads a camt.054 notification (no balances) and derives ids when the bank gave none', () => {
    const file = parseCamt(
      camtDocument({
        message: '054',
        version: '04',
        statements: [{ id: 'NTF-1', iban: 'DE89370400440532013000', entries: [{ amount: '7.5' }, { amount: '7.50' }] }],
      }),
    );
    expect(file.format).toBe('camt.054.001.04');
    expect(file.statements[0]?.balanceCheck).toBe('unavailable');
    expect(file.entries.map((e) => [e.id, e.idSource, e.amount])).toEqual([
      ['NTF-1/1', 'derived', '7.50'],
      ['NTF-1/2', 'derived', '7.50'],
    ]);
  });

  it('flags a statement whose entries do not add up to its closing balance', () => {
    const truncated = { ...statement, entries: statement.entries.slice(0, 1) };
    expect(
      parseCamt(camtDocument({ message: '053', version: '08', statements: [truncated] })).statements[0]?.balanceCheck,
    ).toBe('inconsistent');
  });

  it('reads prefixed documents, JPY and KWD decimals, date-times and byte input in ISO-8859-1', () => {
    const xml = camtDocument({
      message: '053',
      version: '08',
      statements: [
        {
          id: 'S-JPY',
          iban: 'DE89370400440532013000',
          currency: 'JPY',
          opening: ['0', 'CRDT'],
          closing: ['1500', 'CRDT'],
          entries: [{ amount: '1500', currency: 'JPY' }],
        },
        {
          id: 'S-KWD',
          iban: 'DE89370400440532013000',
          currency: 'KWD',
          entries: [{ amount: '1.250', currency: 'KWD', transactions: [{ debtorName: 'Müller' }] }],
        },
      ],
    })
      .replace('<Document xmlns=', '<c:Document xmlns:c=')
      .replace('</Document>', '</c:Document>')
      .replace(
        /<(\/?)(BkToCstmrStmt|GrpHdr|MsgId|CreDtTm|Stmt|Id|Acct|IBAN|Ccy|Bal|Tp|CdOrPrtry|Cd|Amt|CdtDbtInd|Dt|Ntry|Sts|BookgDt|ValDt|BkTxCd|Domn|Fmly|SubFmlyCd|NtryDtls|TxDtls|RltdPties|Dbtr|Pty|Nm)>/g,
        '<$1c:$2>',
      )
      .replace(/<Amt Ccy/g, '<c:Amt Ccy')
      .replace('<c:BookgDt><c:Dt>2026-01-31</c:Dt>', '<c:BookgDt><c:DtTm>2026-01-30T23:30:00-05:00</c:DtTm>');
    const latin1 = Uint8Array.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), (c) => c.charCodeAt(0));
    const file = parseCamt(latin1);
    expect(file.entries.map((e) => [e.amount, e.currency, e.bookingDate])).toEqual([
      ['1500', 'JPY', '2026-01-30'],
      ['1.250', 'KWD', '2026-01-31'],
    ]);
    expect(file.entries[1]?.transactions[0]?.debtor?.name).toBe('Müller');
    expect(file.statements[0]?.balanceCheck).toBe('consistent');
  });

  function failure(xml: string | Uint8Array): { path: readonly (string | number)[]; message: string } | string {
    try {
      parseCamt(xml);
      return 'parsed';
    } catch (error) {
      if (!isBillingError(error) || error.code !== 'invalid_input') return String(error);
      return { path: error.path, message: error.message };
    }
  }

  const one = (entry: object) =>
    camtDocument({
      message: '053',
      version: '08',
      statements: [{ id: 'S', iban: 'DE89370400440532013000', entries: [{ amount: '1.00', ...entry }] }],
    });

  it('names the element and line of a bad value', () => {
    expect(failure(one({ amount: '12,50' }))).toEqual({
      path: ['statement', 'BkToCstmrStmt', 'Stmt', 0, 'Ntry', 0, 'Amt'],
      message: 'statement line 2: "12,50" is not an amount (expected digits with an optional "." part)',
    });
    expect(failure(one({ amount: '1.005' }))).toMatchObject({
      message: expect.stringMatching(/1.005 EUR is finer than the currency's 2 decimals/),
    });
    expect(failure(one({ currency: 'XYZ' }))).toMatchObject({
      path: ['statement', 'BkToCstmrStmt', 'Stmt', 0, 'Ntry', 0, 'Amt'],
      message: expect.stringMatching(/unknown currency "XYZ"/),
    });
    expect(failure(one({ direction: 'BOTH' }))).toMatchObject({
      path: ['statement', 'BkToCstmrStmt', 'Stmt', 0, 'Ntry', 0, 'CdtDbtInd'],
      message: expect.stringMatching(
        /^statement line 2 \(BkToCstmrStmt\/Stmt\[0\]\/Ntry\[0\]\/CdtDbtInd\): "BOTH" is not CRDT or DBIT/,
      ),
    });
    expect(failure(one({ bookingDate: '2026-02-30' }))).toMatchObject({
      path: ['statement', 'BkToCstmrStmt', 'Stmt', 0, 'Ntry', 0, 'BookgDt'],
    });
    expect(failure(one({}).replace('<Amt Ccy="EUR">1.00</Amt><CdtDbtInd>', '<CdtDbtInd>'))).toMatchObject({
      message: expect.stringMatching(/Amt is required/),
    });
  });

  it('refuses documents that are not camt.052/053/054', () => {
    expect(
      failure('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>'),
    ).toMatchObject({
      message: expect.stringMatching(/not an ISO 20022 camt.052\/053\/054 document/),
    });
    expect(
      failure('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrDbtCdtNtfctn/></Document>'),
    ).toMatchObject({
      message: expect.stringMatching(/needs its message element/),
    });
    expect(failure(Uint8Array.from([0x3c, 0x41, 0xff, 0x3e]))).toMatchObject({
      message: expect.stringMatching(/not valid utf-8/),
    });
  });
});
