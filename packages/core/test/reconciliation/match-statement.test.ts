import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import { createCreditorReference } from '../../src/reconciliation/creditor-reference';
import type { KnownPayer, OpenInvoice } from '../../src/reconciliation/match-input';
import type { StatementLineMatch } from '../../src/reconciliation/match-result';
import { matchStatement } from '../../src/reconciliation/match-statement';
import type { RecordPaymentInput } from '../../src/engine/payments/record-payment';
import { camtDocument, type EntrySpec } from './camt-fixtures';

const ADA_IBAN = 'GB29NWBK60161331926819';
const GRACE_IBAN = 'DE89370400440532013000';
const OWN_IBAN = 'DE02120300000000202051';

const invoice = (
  n: number,
  customerId: string,
  amountRemaining: string,
  dueAt: string,
  currency = 'EUR',
): OpenInvoice => ({
  id: `inv_${n}`,
  number: `INV-2026-${String(n).padStart(6, '0')}`,
  customerId,
  currency,
  amountRemaining,
  dueAt,
});

const openInvoices: OpenInvoice[] = [
  invoice(101, 'cus_ada', '119.00', '2026-01-15'),
  invoice(102, 'cus_ada', '50.00', '2026-01-20'),
  invoice(103, 'cus_ada', '30.00', '2026-01-25'),
  invoice(104, 'cus_ada', '20.00', '2026-02-01'),
  invoice(105, 'cus_grace', '75.00', '2026-01-10'),
  invoice(106, 'cus_grace', '75.00', '2026-01-31'),
  invoice(107, 'cus_grace', '40.00', '2026-01-31', 'USD'),
  invoice(108, 'cus_linus', '33.33', '2026-01-05'),
  invoice(109, 'cus_linus', '210.00', '2026-01-06'),
  invoice(110, 'cus_grace', '12.34', '2026-01-07'),
  invoice(111, 'cus_linus', '15.00', '2026-01-08'),
  invoice(112, 'cus_linus', '25.00', '2026-01-09'),
];

const knownPayers: KnownPayer[] = [
  { customerId: 'cus_ada', ibans: [ADA_IBAN], names: ['Ada Lovelace Ltd'] },
  { customerId: 'cus_grace', ibans: [GRACE_IBAN], names: ['Grace Hopper'] },
];

const text = (ref: string, lines: string[], extra: Partial<EntrySpec> = {}, debtorIban?: string): EntrySpec => ({
  reference: ref,
  amount: extra.amount ?? '0',
  ...extra,
  transactions: [
    { unstructured: lines, ...(debtorIban !== undefined ? { debtorIban } : {}), ...(extra.transactions?.[0] ?? {}) },
  ],
});

const entries: EntrySpec[] = [
  text('E1', ['Invoice INV-2026-000101'], { amount: '119.00' }),
  // the customer paid the same invoice twice
  text('E2', ['Invoice INV-2026-000101'], { amount: '119.00' }),
  // the bank repeated E1 in the file
  text('E1', ['Invoice INV-2026-000101'], { amount: '119.00' }),
  // one payment for three invoices, from Ada's known account, no reference: 50.00 + 30.00 + 20.00 = 100.00
  text('E4', [], { amount: '100.00' }, ADA_IBAN),
  // Grace owes 75.00 twice: which one?
  text('E5', [], { amount: '75.00' }, GRACE_IBAN),
  // 000108 typed as 000180 (one transposition)
  text('E6', ['Rechnung INV-2026-000180'], { amount: '33.33' }),
  // an invoice in USD paid in EUR
  text('E7', ['INV-2026-000107'], { amount: '40.00' }),
  { reference: 'E8', amount: '12.00', direction: 'DBIT' },
  // 250.00 for the 210.00 of invoice 109, quoted by its RF reference in print form
  text('E9', [`ref ${createCreditorReference('INV-2026-000109').replace(/(.{4})(?=.)/g, '$1 ')}`], {
    amount: '250.00',
  }),
  // unknown payer, no text: only Ada's invoice 104 still owes 20.00
  text('E10', [], { amount: '20.00' }, 'FR7630006000011234567890189'),
  text('E11', ['donation'], { amount: '7.77' }),
  // Grace's known account and the one invoice of hers that owes 12.34
  text('E12', [], { amount: '12.34' }, GRACE_IBAN),
  // a batch booking: two payments in one entry
  {
    reference: 'E13',
    amount: '40.00',
    transactions: [
      { amount: '15.00', unstructured: ['INV-2026-000111'] },
      { amount: '25.00', unstructured: ['inv 2026 000112'] },
    ],
  },
  { reference: 'E14', amount: '50.00', status: 'PDNG', transactions: [{ unstructured: ['INV-2026-000102'] }] },
  // part of invoice 106
  text('E15', ['INV2026000106 part 1'], { amount: '10.00' }),
];

function statement(list: EntrySpec[] = entries) {
  return parseCamt(
    camtDocument({ message: '053', version: '08', statements: [{ id: 'STMT-1', iban: OWN_IBAN, entries: list }] }),
  ).entries;
}

const summary = (line: StatementLineMatch) => ({
  line: line.lineId,
  kind: line.kind,
  ...('reason' in line ? { reason: line.reason } : {}),
  candidates: line.candidates.map(
    (c) =>
      `${c.customerId} ${c.rule} [${c.allocations.map((a) => `${a.invoiceId}=${a.amount}`).join(' ')}] +${c.unapplied}`,
  ),
});

describe('matching a statement to open invoices', () => {
  const result = matchStatement({ entries: statement(), openInvoices, knownPayers });

  it('gives the hand-computed outcome for each line', () => {
    expect(result.lines.map(summary)).toEqual([
      { line: 'E1', kind: 'exact', candidates: ['cus_ada invoice_number [inv_101=119.00] +0.00'] },
      { line: 'E2', kind: 'proposed', reason: 'already_settled', candidates: ['cus_ada invoice_number [] +119.00'] },
      { line: 'E1', kind: 'ignored', reason: 'duplicate_entry', candidates: [] },
      {
        line: 'E4',
        kind: 'proposed',
        reason: 'several_invoices',
        candidates: ['cus_ada known_account [inv_102=50.00 inv_103=30.00 inv_104=20.00] +0.00'],
      },
      {
        line: 'E5',
        kind: 'proposed',
        reason: 'ambiguous',
        candidates: ['cus_grace known_account [inv_105=75.00] +0.00', 'cus_grace known_account [inv_106=75.00] +0.00'],
      },
      {
        line: 'E6',
        kind: 'proposed',
        reason: 'reference_typo',
        candidates: ['cus_linus reference_typo [inv_108=33.33] +0.00'],
      },
      { line: 'E7', kind: 'unmatched', reason: 'currency_mismatch', candidates: [] },
      { line: 'E8', kind: 'ignored', reason: 'debit', candidates: [] },
      {
        line: 'E9',
        kind: 'proposed',
        reason: 'overpayment',
        candidates: ['cus_linus creditor_reference [inv_109=210.00] +40.00'],
      },
      { line: 'E10', kind: 'proposed', reason: 'amount_only', candidates: ['cus_ada amount [inv_104=20.00] +0.00'] },
      { line: 'E11', kind: 'unmatched', reason: 'no_reference', candidates: [] },
      { line: 'E12', kind: 'exact', candidates: ['cus_grace known_account [inv_110=12.34] +0.00'] },
      { line: 'E13#1', kind: 'exact', candidates: ['cus_linus invoice_number [inv_111=15.00] +0.00'] },
      { line: 'E13#2', kind: 'exact', candidates: ['cus_linus invoice_number [inv_112=25.00] +0.00'] },
      { line: 'E14', kind: 'ignored', reason: 'not_booked', candidates: [] },
      {
        line: 'E15',
        kind: 'proposed',
        reason: 'partial_payment',
        candidates: ['cus_grace invoice_number [inv_106=10.00] +0.00'],
      },
    ]);
    expect(result.counts).toEqual({ exact: 4, proposed: 7, unmatched: 2, ignored: 3 });
    expect(result.lines.find((l) => l.lineId === 'E7')?.referencedInvoiceIds).toEqual(['inv_107']);
  });

  it('turns exact matches into bank-transfer payments keyed by the statement entry', () => {
    const exact = result.lines.filter((l) => l.kind === 'exact');
    // what payments.record takes, as it is (checked by the type checker)
    const inputs: RecordPaymentInput[] = exact.map((l) => l.payment);
    expect(inputs).toHaveLength(4);
    expect(exact.map((l) => l.payment)).toEqual([
      {
        customerId: 'cus_ada',
        amount: '119.00',
        currency: 'EUR',
        method: 'bank_transfer',
        reference: 'E1',
        receivedAt: '2026-01-31T00:00:00.000Z',
        allocations: [{ invoiceId: 'inv_101', amount: '119.00' }],
        metadata: { statementAccount: OWN_IBAN, statementLine: 'E1', matchRule: 'invoice_number' },
        idempotencyKey: `bank:${OWN_IBAN}:E1`,
      },
      expect.objectContaining({
        customerId: 'cus_grace',
        idempotencyKey: `bank:${OWN_IBAN}:E12`,
        allocations: [{ invoiceId: 'inv_110', amount: '12.34' }],
      }),
      expect.objectContaining({ idempotencyKey: `bank:${OWN_IBAN}:E13#1`, amount: '15.00' }),
      expect.objectContaining({ idempotencyKey: `bank:${OWN_IBAN}:E13#2`, amount: '25.00' }),
    ]);
  });

  it('gives the same result, with the same keys, when the same statement is imported twice', () => {
    expect(matchStatement({ entries: statement(), openInvoices, knownPayers })).toEqual(result);
    // both copies in one input: every line of the second copy is a duplicate
    const twice = matchStatement({ entries: [...statement(), ...statement()], openInvoices, knownPayers });
    expect(twice.lines.slice(0, result.lines.length)).toEqual(result.lines);
    expect(twice.lines.slice(result.lines.length).map((l) => `${l.kind} ${'reason' in l ? l.reason : ''}`)).toEqual(
      result.lines.map(() => 'ignored duplicate_entry'),
    );
  });

  it('sends a repeated entry id with different contents to a person', () => {
    const conflicting = matchStatement({
      entries: statement([
        text('E1', ['INV-2026-000101'], { amount: '119.00' }),
        text('E1', ['INV-2026-000101'], { amount: '19.00' }),
      ]),
      openInvoices,
    });
    expect(conflicting.lines.map((l) => `${l.kind} ${'reason' in l ? l.reason : ''}`)).toEqual([
      'exact ',
      'unmatched conflicting_entry',
    ]);
  });

  it('one payment naming three invoices: proposed with all three allocated, or split oldest first when short', () => {
    const named = (amount: string) =>
      matchStatement({
        entries: statement([text('P', ['INV-2026-000104, INV-2026-000102 and INV-2026-000103'], { amount })]),
        openInvoices,
      }).lines.map(summary)[0];
    // 50.00 + 30.00 + 20.00 = 100.00 exactly
    expect(named('100.00')).toEqual({
      line: 'P',
      kind: 'proposed',
      reason: 'several_invoices',
      candidates: ['cus_ada invoice_number [inv_102=50.00 inv_103=30.00 inv_104=20.00] +0.00'],
    });
    // 90.00, short by 10.00: oldest due first (102 on 01-20, 103 on 01-25, 104 on 02-01): 50.00 + 30.00 + 10.00 of 20.00
    expect(named('90.00')).toEqual({
      line: 'P',
      kind: 'proposed',
      reason: 'partial_payment',
      candidates: ['cus_ada invoice_number [inv_102=50.00 inv_103=30.00 inv_104=10.00] +0.00'],
    });
    // 105.00: 5.00 more than the three owe
    expect(named('105.00')).toEqual({
      line: 'P',
      kind: 'proposed',
      reason: 'overpayment',
      candidates: ['cus_ada invoice_number [inv_102=50.00 inv_103=30.00 inv_104=20.00] +5.00'],
    });
  });

  it('matches by payer name only as a proposal, and a known payer with nothing open as credit', () => {
    const lines = matchStatement({
      entries: statement([
        { reference: 'N1', amount: '119.00', transactions: [{ debtorName: 'ADA  LOVELACE, LTD.' }] },
        { reference: 'N2', amount: '5.00', currency: 'USD', transactions: [{ debtorIban: ADA_IBAN }] },
      ]),
      openInvoices,
      knownPayers,
    }).lines.map(summary);
    expect(lines).toEqual([
      { line: 'N1', kind: 'proposed', reason: 'payer_name', candidates: ['cus_ada payer_name [inv_101=119.00] +0.00'] },
      { line: 'N2', kind: 'proposed', reason: 'no_open_invoice', candidates: ['cus_ada known_account [] +5.00'] },
    ]);
  });

  it('reports invalid input with a path', () => {
    expect(() =>
      matchStatement({ entries: [], openInvoices: [{ ...openInvoices[0], amountRemaining: '-1.00' } as OpenInvoice] }),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'openInvoices', 0, 'amountRemaining'] }),
    );
  });
});
