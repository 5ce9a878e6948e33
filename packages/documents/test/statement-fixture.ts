import { type Statement, type StatementEntry, StatementSchema } from '@billfold/core';

const customer = {
  id: 'cus_acme',
  name: 'Acme GmbH',
  email: 'billing@acme.example',
  address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
  taxStatus: 'taxable' as const,
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
};

/**
 * The March 2026 statement of `buildStatement`'s worked example (core `statement/build-statement.test.ts`): 19.00
 * brought forward, seven lines to a 52.70 closing balance in EUR, and an overdue USD invoice.
 */
export function marchStatement(): Statement {
  return StatementSchema.parse({
    customer,
    period: { start: '2026-03-01', end: '2026-03-31' },
    periodStartsAt: '2026-02-28T23:00:00.000Z',
    periodEndsAt: '2026-03-31T22:00:00.000Z',
    asOf: '2026-04-02T08:00:00.000Z',
    currencies: [
      {
        currency: 'EUR',
        openingBalance: '19.00',
        entries: [
          {
            kind: 'invoice',
            at: '2026-02-28T23:30:00.000Z',
            sourceId: 'inv_2',
            reference: 'INV-2026-000002',
            debit: '238.00',
            credit: '0.00',
            balance: '257.00',
          },
          {
            kind: 'credit_note',
            at: '2026-03-05T12:00:00.000Z',
            sourceId: 'cn_1',
            reference: 'CN-2026-000001',
            invoiceNumber: 'INV-2026-000002',
            debit: '0.00',
            credit: '23.80',
            balance: '233.20',
          },
          {
            kind: 'invoice',
            at: '2026-03-06T12:00:00.000Z',
            sourceId: 'inv_3',
            reference: 'INV-2026-000003',
            debit: '11.90',
            credit: '0.00',
            balance: '245.10',
          },
          {
            kind: 'invoice_void',
            at: '2026-03-07T12:00:00.000Z',
            sourceId: 'inv_3',
            reference: 'INV-2026-000003',
            invoiceNumber: 'INV-2026-000003',
            debit: '0.00',
            credit: '11.90',
            balance: '233.20',
          },
          {
            kind: 'payment',
            at: '2026-03-10T12:00:00.000Z',
            sourceId: 'pay_2',
            reference: 'pay_2',
            method: 'cash',
            debit: '0.00',
            credit: '250.00',
            balance: '-16.80',
          },
          {
            kind: 'refund',
            at: '2026-03-20T12:00:00.000Z',
            sourceId: 're_1',
            reference: 're_1',
            debit: '10.00',
            credit: '0.00',
            balance: '-6.80',
          },
          {
            kind: 'invoice',
            at: '2026-03-25T12:00:00.000Z',
            sourceId: 'inv_5',
            reference: 'INV-2026-000005',
            debit: '59.50',
            credit: '0.00',
            balance: '52.70',
          },
        ],
        totalDebits: '319.40',
        totalCredits: '285.70',
        closingBalance: '52.70',
        openItems: [
          {
            invoiceId: 'inv_5',
            number: 'INV-2026-000005',
            issuedAt: '2026-03-25T12:00:00.000Z',
            dueAt: '2026-04-08T21:59:59.999Z',
            total: '59.50',
            amountRemaining: '52.70',
            daysOverdue: 0,
            status: 'open',
          },
        ],
        openTotal: '52.70',
        creditBalance: '0.00',
      },
      {
        currency: 'USD',
        openingBalance: '0.00',
        entries: [
          {
            kind: 'invoice',
            at: '2026-03-12T12:00:00.000Z',
            sourceId: 'inv_4',
            reference: 'INV-2026-000004',
            debit: '119.00',
            credit: '0.00',
            balance: '119.00',
          },
        ],
        totalDebits: '119.00',
        totalCredits: '0.00',
        closingBalance: '119.00',
        openItems: [
          {
            invoiceId: 'inv_4',
            number: 'INV-2026-000004',
            issuedAt: '2026-03-12T12:00:00.000Z',
            dueAt: '2026-03-26T22:59:59.999Z',
            total: '119.00',
            amountRemaining: '119.00',
            daysOverdue: 7,
            status: 'open',
          },
        ],
        openTotal: '119.00',
        creditBalance: '0.00',
      },
    ],
  });
}

/** The March statement with `lines` more EUR payments of 1.00 (references `BANK-0001` …), for page breaks. */
export function longStatement(lines: number): Statement {
  const march = marchStatement();
  const eur = march.currencies[0] as Statement['currencies'][number];
  let cents = 5270;
  const more: StatementEntry[] = Array.from({ length: lines }, (_, i) => {
    cents -= 100;
    const balance = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    return {
      kind: 'payment',
      at: '2026-03-30T12:00:00.000Z',
      sourceId: `pay_${i + 10}`,
      reference: `BANK-${String(i + 1).padStart(4, '0')}`,
      method: 'bank_transfer',
      debit: '0.00',
      credit: '1.00',
      balance,
    };
  });
  return { ...march, currencies: [{ ...eur, entries: [...eur.entries, ...more] }, ...march.currencies.slice(1)] };
}

/** The March statement with markup, formulas and control characters where people type (name, references). */
export function hostileStatement(hostile: string, formula: string): Statement {
  const march = marchStatement();
  const eur = march.currencies[0] as Statement['currencies'][number];
  const [first, ...rest] = eur.entries as [StatementEntry, ...StatementEntry[]];
  return {
    ...march,
    customer: { ...march.customer, name: `${hostile}\r\nBcc: evil@example.com`, locale: 'en' },
    currencies: [
      {
        ...eur,
        entries: [first, ...rest.map((entry) => (entry.kind === 'payment' ? { ...entry, reference: formula } : entry))],
      },
      ...march.currencies.slice(1),
    ],
  };
}
