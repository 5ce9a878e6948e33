/**
 * `billing.reconciliation`: a camt.053.001.02 statement (checked against the ISO 20022 XSD through its camt.054
 * twin) imported into the ledger, with hand-computed outcomes: an exact RF payment, the same entry twice, one
 * payment for three invoices, a reference with two digits swapped, a line with no reference, a debit; the same
 * statement imported again; a later payment recognised by the account it came from; the queue worked through.
 */
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../src/clock/test-clock';
import { createBilling } from '../../src/engine/create-billing';
import { isBillingError } from '../../src/errors/billing-error';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import { createCreditorReference } from '../../src/reconciliation/creditor-reference';
import { createMemoryStorage } from '../../src/storage/index';
import { camtDocument, type EntrySpec } from './camt-fixtures';
import { asNotification, missingXsdTools, validates } from './camt-xsd';

const ACCOUNT = 'DE89370400440532013000';
const ADA_IBAN = 'GB29NWBK60161331926819';

async function ledger() {
  const billing = createBilling({ storage: createMemoryStorage(), clock: createTestClock('2026-03-02T09:00:00Z') });
  const ada = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
  const grace = await billing.customers.create({ name: 'Grace', email: 'grace@example.com', currency: 'EUR' });
  const invoice = async (customerId: string, amount: string) =>
    billing.invoices.createOneOff({ customerId, lines: [{ description: 'Work', amount }], autoFinalize: true });
  // INV-2026-000001 … 000005, in this order.
  const invoices = [
    await invoice(ada.id, '119.00'),
    await invoice(ada.id, '50.00'),
    await invoice(ada.id, '30.00'),
    await invoice(ada.id, '20.00'),
    await invoice(grace.id, '200.00'),
  ];
  return { billing, ada, grace, invoices };
}

const statement = (entries: EntrySpec[]) =>
  camtDocument({ message: '053', version: '02', statements: [{ id: 'S-1', iban: ACCOUNT, entries }] });

const firstStatement = (numbers: string[]) =>
  statement([
    {
      reference: 'B-1',
      amount: '119.00',
      valueDate: '2026-03-01',
      transactions: [{ debtorName: 'Ada', debtorIban: ADA_IBAN, creditorReference: createCreditorReference(numbers[0] as string) }],
    },
    // The bank sent B-1 twice in the file.
    {
      reference: 'B-1',
      amount: '119.00',
      valueDate: '2026-03-01',
      transactions: [{ debtorName: 'Ada', debtorIban: ADA_IBAN, creditorReference: createCreditorReference(numbers[0] as string) }],
    },
    // One payment for three invoices: 50.00 + 30.00 + 20.00.
    { reference: 'B-2', amount: '100.00', transactions: [{ unstructured: [`${numbers[1]} ${numbers[2]} ${numbers[3]}`] }] },
    // INV-2026-000005 quoted as INV-2026-000050 (the last two digits swapped).
    { reference: 'B-3', amount: '200.00', transactions: [{ debtorName: 'G. Hopper', unstructured: ['INV-2026-000050'] }] },
    { reference: 'B-4', amount: '75.00', transactions: [{ debtorName: 'Unknown Ltd', unstructured: ['thanks'] }] },
    { reference: 'B-5', amount: '12.50', direction: 'DBIT', transactions: [{ unstructured: ['bank fee'] }] },
  ]);

describe('reconciliation.import', () => {
  it('records the exact match, keeps the rest for a person, and changes nothing the second time', async () => {
    const { billing, ada, grace, invoices } = await ledger();
    const numbers = invoices.map((i) => i.number as string);
    expect(numbers).toEqual(['INV-2026-000001', 'INV-2026-000002', 'INV-2026-000003', 'INV-2026-000004', 'INV-2026-000005']);
    const xml = firstStatement(numbers);

    const first = await billing.reconciliation.import(parseCamt(xml));
    expect(first.lines.map((l) => [l.lineId, l.outcome, l.reason])).toEqual([
      ['B-1', 'matched', undefined],
      ['B-1', 'ignored', 'duplicate_entry'],
      ['B-2', 'proposed', 'several_invoices'],
      ['B-3', 'proposed', 'reference_typo'],
      ['B-4', 'unmatched', 'no_reference'],
      ['B-5', 'ignored', 'debit'],
    ]);
    expect(first.counts).toEqual({ matched: 1, proposed: 2, unmatched: 1, ignored: 2, already_imported: 0 });
    const [paid] = (await billing.payments.list({ customerId: ada.id })).items;
    expect(paid).toMatchObject({
      amount: '119.00',
      method: 'bank_transfer',
      receivedAt: '2026-03-01T00:00:00.000Z',
      allocations: [{ invoiceId: invoices[0]?.id, amount: '119.00' }],
    });
    expect((await billing.invoices.get(invoices[0]?.id as string)).status).toBe('paid');

    const again = await billing.reconciliation.import(parseCamt(xml));
    expect(again.counts).toEqual({ matched: 0, proposed: 0, unmatched: 0, ignored: 2, already_imported: 4 });
    expect((await billing.payments.list({})).items).toHaveLength(1);
    expect((await billing.reconciliation.list({})).items).toHaveLength(4);

    // The three-invoice proposal: confirmed, one payment settles all three.
    const [several] = (await billing.reconciliation.list({ status: 'proposed' })).items.filter((c) => c.lineId === 'B-2');
    expect(several?.candidates).toEqual([
      {
        customerId: ada.id,
        rule: 'invoice_number',
        allocations: numbers.slice(1, 4).map((number, i) => ({
          invoiceId: invoices[i + 1]?.id,
          invoiceNumber: number,
          amount: ['50.00', '30.00', '20.00'][i],
        })),
        unapplied: '0.00',
      },
    ]);
    const confirmed = await billing.reconciliation.confirm({ bankCreditId: several?.id as string });
    expect(confirmed).toMatchObject({ status: 'matched', resolution: 'confirmed', customerId: ada.id });
    for (const invoice of invoices.slice(1, 4)) expect((await billing.invoices.get(invoice.id)).status).toBe('paid');

    // The typo: a person confirms it is INV-2026-000005.
    const typo = (await billing.reconciliation.list({ status: 'proposed' })).items[0];
    expect(typo?.candidates.map((c) => [c.customerId, c.rule, c.allocations.map((a) => a.invoiceNumber)])).toEqual([
      [grace.id, 'reference_typo', ['INV-2026-000005']],
    ]);
    await billing.reconciliation.confirm({ bankCreditId: typo?.id as string });
    expect((await billing.invoices.get(invoices[4]?.id as string)).status).toBe('paid');

    // The queue: B-4 is assigned to Grace, who owes nothing now: 75.00 becomes her credit.
    const [queued] = (await billing.reconciliation.list({ status: 'unmatched' })).items;
    expect(queued).toMatchObject({ lineId: 'B-4', amount: '75.00', payerName: 'Unknown Ltd', remittance: 'thanks' });
    const assigned = await billing.reconciliation.assign({ bankCreditId: queued?.id as string, customerId: grace.id });
    expect(assigned).toMatchObject({ status: 'matched', resolution: 'assigned' });
    expect((await billing.balance.get(grace.id, 'EUR')).amount).toBe('75.00');

    // Resolved credits cannot be resolved again; nothing moved.
    const error = await billing.reconciliation.dismiss({ bankCreditId: assigned.id }).catch((e: unknown) => e);
    expect(isBillingError(error) && error.code).toBe('invalid_state');
    expect((await billing.payments.list({})).items.map((p) => p.amount).sort()).toEqual(['100.00', '119.00', '200.00', '75.00']);
    // A third import still changes nothing.
    expect((await billing.reconciliation.import(parseCamt(xml))).counts.already_imported).toBe(4);
    expect((await billing.payments.list({})).items).toHaveLength(4);
  });

  it('recognises a later payment without a reference by the account it came from', async () => {
    const { billing, ada, invoices } = await ledger();
    await billing.reconciliation.import(parseCamt(firstStatement(invoices.map((i) => i.number as string))));
    const later = await billing.invoices.createOneOff({
      customerId: ada.id,
      lines: [{ description: 'Support', amount: '40.00' }],
      autoFinalize: true,
    });
    const result = await billing.reconciliation.import(
      parseCamt(statement([{ reference: 'B-9', amount: '40.00', transactions: [{ debtorIban: ADA_IBAN }] }])),
    );
    expect(result.lines.map((l) => l.outcome)).toEqual(['matched']);
    expect((await billing.invoices.get(later.id)).status).toBe('paid');
  });

  it('a rejected proposal waits in the queue; a dismissed credit leaves the ledger alone', async () => {
    const { billing, invoices } = await ledger();
    await billing.reconciliation.import(parseCamt(firstStatement(invoices.map((i) => i.number as string))));
    const proposals = (await billing.reconciliation.list({ status: 'proposed' })).items;
    const rejected = await billing.reconciliation.reject({ bankCreditId: proposals[1]?.id as string });
    expect(rejected).toMatchObject({ status: 'unmatched', reason: 'rejected', version: 2 });
    const dismissed = await billing.reconciliation.dismiss({ bankCreditId: rejected.id, reason: 'returned to payer' });
    expect(dismissed).toMatchObject({ status: 'dismissed', reason: 'returned to payer' });
    expect((await billing.payments.list({})).items).toHaveLength(1);
    const bad = await billing.reconciliation.confirm({ bankCreditId: proposals[0]?.id as string, candidate: 3 }).catch((e: unknown) => e);
    expect(isBillingError(bad) && [bad.code, bad.path]).toEqual(['invalid_input', ['input', 'candidate']]);
  });

  it('a confirmed proposal is re-checked against what the invoices owe now', async () => {
    const { billing, ada, invoices } = await ledger();
    await billing.reconciliation.import(parseCamt(firstStatement(invoices.map((i) => i.number as string))));
    await billing.payments.record({
      customerId: ada.id,
      amount: '10.00',
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: invoices[3]?.id as string, amount: '10.00' }],
    });
    const several = (await billing.reconciliation.list({ status: 'proposed' })).items.find((c) => c.lineId === 'B-2');
    const error = await billing.reconciliation.confirm({ bankCreditId: several?.id as string }).catch((e: unknown) => e);
    expect(isBillingError(error) && error.code).toBe('invalid_input');
    expect((await billing.reconciliation.get(several?.id as string)).status).toBe('proposed');
    expect((await billing.invoices.get(invoices[1]?.id as string)).status).toBe('open');
  });

  it.skipIf(missingXsdTools.length > 0 && !process.env.CI)('the statement validates against the ISO 20022 XSD', () => {
    expect(missingXsdTools).toEqual([]);
    const xml = firstStatement(['INV-2026-000001', 'INV-2026-000002', 'INV-2026-000003', 'INV-2026-000004']);
    expect(validates('camt.054.001.02.xsd', asNotification(xml))).toBe('statement.xml validates');
  });
});
