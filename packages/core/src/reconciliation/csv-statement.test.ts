import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { parseCsvStatement } from './csv-statement';

const german = [
  'Kontoauszug Januar 2026;;;;;',
  'Buchungstag;Valuta;Betrag;S/H;Auftraggeber;Verwendungszweck',
  '31.01.2026;01.02.2026;1.234,50;H;"Müller; Söhne GmbH";"Rechnung INV-2026-000123',
  'danke"',
  '31.01.2026;31.01.2026;42,00;S;Stadtwerke;Abschlag',
  '',
].join('\r\n');

const germanMapping = {
  account: 'DE89 3704 0044 0532 0130 00',
  statementId: 'giro-2026-01',
  currency: 'EUR',
  delimiter: ';',
  decimalSeparator: ',',
  thousandsSeparator: '.',
  dateFormat: 'DD.MM.YYYY',
  skipLines: 1,
  columns: {
    bookingDate: 'Buchungstag',
    valueDate: 'Valuta',
    amount: 'Betrag',
    direction: { column: 'S/H', credit: ['H'], debit: ['S'] },
    counterpartyName: 'Auftraggeber',
    remittance: 'Verwendungszweck',
  },
} as const;

function failure(fn: () => unknown): { path: readonly (string | number)[]; message: string } | string {
  try {
    fn();
    return 'parsed';
  } catch (error) {
    return isBillingError(error) ? { path: error.path, message: error.message } : String(error);
  }
}

describe('CSV statements with a column mapping', () => {
  it('reads a German export: preamble, semicolons, decimal comma, thousands dots, S/H column, quoted line break', () => {
    const file = parseCsvStatement(german, germanMapping);
    expect(file.format).toBe('csv');
    expect(file.statements).toEqual([
      { id: 'giro-2026-01', account: 'DE89370400440532013000', balanceCheck: 'unavailable', entryCount: 2 },
    ]);
    const [credit, debit] = file.entries;
    expect(credit).toMatchObject({
      idSource: 'derived',
      statementId: 'giro-2026-01',
      account: 'DE89370400440532013000',
      bookingDate: '2026-01-31',
      valueDate: '2026-02-01',
      amount: '1234.50',
      currency: 'EUR',
      direction: 'credit',
      status: 'booked',
      transactions: [
        {
          debtor: { name: 'Müller; Söhne GmbH' },
          remittance: {
            unstructured: ['Rechnung INV-2026-000123\r\ndanke'],
            creditorReferences: [],
            referredDocuments: [],
          },
        },
      ],
    });
    expect(debit).toMatchObject({
      amount: '42.00',
      direction: 'debit',
      transactions: [{ creditor: { name: 'Stadtwerke' } }],
    });
    expect(credit?.id).toMatch(/^giro-2026-01:[0-9a-z]+:1$/);
  });

  it('gives identical rows distinct ids, and the same ids when the file is read again', () => {
    const csv = 'date,amount,text\n2026-01-31,10.00,INV-1\n2026-01-31,10.00,INV-1\n2026-01-31,-3.5,fee\n';
    const mapping = {
      account: 'DE89370400440532013000',
      currency: 'EUR',
      columns: { bookingDate: 'date', amount: 'amount', remittance: 'text' },
    };
    const first = parseCsvStatement(csv, mapping).entries;
    const ids = first.map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]?.replace(/:1$/, ':2')).toBe(ids[1]);
    expect(parseCsvStatement(csv, mapping).entries.map((e) => e.id)).toEqual(ids);
    expect(first.map((e) => [e.direction, e.amount])).toEqual([
      ['credit', '10.00'],
      ['credit', '10.00'],
      ['debit', '3.50'],
    ]);
  });

  it('reads columns by position without a header, with an id, currency and IBAN column and US dates', () => {
    const csv = 'TX-9|01/31/2026|usd|1,000.25|Ada|gb29 nwbk 6016 1331 9268 19|RF18 5390 0754 7034|E2E-7\n';
    const file = parseCsvStatement(csv, {
      account: 'US-CHECKING-1',
      delimiter: '|',
      thousandsSeparator: ',',
      dateFormat: 'MM/DD/YYYY',
      header: false,
      columns: {
        id: 0,
        bookingDate: 1,
        currency: 2,
        amount: 3,
        counterpartyName: 4,
        counterpartyIban: 5,
        creditorReference: 6,
        endToEndId: 7,
      },
    });
    expect(file.entries[0]).toMatchObject({
      id: 'TX-9',
      idSource: 'id_column',
      account: 'US-CHECKING-1',
      bookingDate: '2026-01-31',
      currency: 'USD',
      amount: '1000.25',
      transactions: [
        {
          endToEndId: 'E2E-7',
          debtor: { name: 'Ada', iban: 'GB29NWBK60161331926819' },
          remittance: { unstructured: [], creditorReferences: ['RF18 5390 0754 7034'], referredDocuments: [] },
        },
      ],
    });
  });

  it('names the line and column of a bad cell', () => {
    const bad = german.replace('1.234,50', '1.234,5x');
    expect(failure(() => parseCsvStatement(bad, germanMapping))).toEqual({
      path: ['statement', 'line', 3, 'Betrag'],
      message:
        'statement line 3, column "Betrag": "1234.5x" is not an amount (expected digits with an optional "." part)',
    });
    expect(
      failure(() => parseCsvStatement(german.replace('31.01.2026;01.02', '31.02.2026;01.02'), germanMapping)),
    ).toMatchObject({
      path: ['statement', 'line', 3, 'Buchungstag'],
      message: expect.stringMatching(/"31.02.2026" is not a date in the format DD.MM.YYYY/),
    });
    expect(failure(() => parseCsvStatement(german.replace(';S;', ';X;'), germanMapping))).toMatchObject({
      path: ['statement', 'line', 5, 'S/H'],
      message: expect.stringMatching(/"X" is neither H nor S/),
    });
    expect(failure(() => parseCsvStatement(german.replace('danke"', 'danke'), germanMapping))).toMatchObject({
      path: ['statement', 'line', 3],
      message: expect.stringMatching(/a quoted field is never closed/),
    });
    expect(
      failure(() =>
        parseCsvStatement('a,b\n"x"y,1\n', {
          account: 'A',
          currency: 'EUR',
          columns: { bookingDate: 'a', amount: 'b' },
        }),
      ),
    ).toMatchObject({
      message: expect.stringMatching(/line 2: text after the closing quote/),
    });
    expect(
      failure(() =>
        parseCsvStatement('date,amount\n', {
          account: 'A',
          currency: 'EUR',
          columns: { bookingDate: 'Date', amount: 'amount' },
        }),
      ),
    ).toMatchObject({
      message: expect.stringMatching(/no column named "Date"/),
    });
  });

  it('validates the mapping with paths', () => {
    expect(
      failure(() => parseCsvStatement('', { account: 'A', columns: { bookingDate: 0, amount: 1 } } as never)),
    ).toMatchObject({ path: ['mapping', 'currency'] });
    expect(
      failure(() =>
        parseCsvStatement('', {
          account: 'A',
          currency: 'EUR',
          decimalSeparator: ',',
          thousandsSeparator: ',',
          columns: { bookingDate: 0, amount: 1 },
        }),
      ),
    ).toMatchObject({
      path: ['mapping', 'thousandsSeparator'],
    });
    expect(
      failure(() =>
        parseCsvStatement('', {
          account: 'A',
          currency: 'EUR',
          header: false,
          columns: { bookingDate: 'Date', amount: 1 },
        }),
      ),
    ).toMatchObject({
      path: ['mapping', 'columns', 'bookingDate'],
    });
  });
});
