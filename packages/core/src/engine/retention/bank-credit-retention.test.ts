import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import type { BankStatementEntry } from '../../reconciliation/statement-entry';
import { MemoryStorage } from '../../storage/memory-storage';
import { createBilling } from '../create-billing';

const ACCOUNT = 'DE02120300000000202051';
const PAYER_IBAN = 'DE89370400440532013000';

/** A booked credit on our account from one payer, quoting `text`. */
function credit(id: string, amount: string, payer: { name: string; iban: string }, text: string): BankStatementEntry {
  return {
    id,
    idSource: 'account_servicer_reference',
    statementId: `STMT-${id}`,
    account: ACCOUNT,
    bookingDate: '2026-01-10',
    valueDate: '2026-01-10',
    amount,
    currency: 'EUR',
    direction: 'credit',
    status: 'booked',
    reversal: false,
    transactions: [
      { debtor: payer, remittance: { unstructured: [text], creditorReferences: [], referredDocuments: [] } },
    ],
  };
}

async function fixture() {
  const clock = createTestClock('2026-01-10T09:00:00Z');
  const storage = new MemoryStorage();
  const billing = createBilling({ storage, clock, config: { unmatchedBankCreditRetentionDays: 30 } });
  const customer = await billing.customers.create({ name: 'Acme GmbH', email: 'ap@acme.example', currency: 'EUR' });
  const invoice = (amount: string) =>
    billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Setup', amount }],
      autoFinalize: true,
    });
  return { clock, billing, customer, invoice };
}

describe('bank credits nobody claimed', () => {
  it('keep the payer until the retention ends, then only amount, date, reference and the remittance hash', async () => {
    const { clock, billing } = await fixture();
    const imported = await billing.reconciliation.import({
      entries: [credit('N-1', '7.50', { name: 'Pia Unclaimed-Strom', iban: PAYER_IBAN }, 'gift from Pia PUS')],
    });
    expect(imported.counts.unmatched).toBe(1);
    const id = imported.lines[0]?.bankCreditId as string;
    clock.set('2026-02-09T08:59:59.999Z'); // 30 days less 1 ms after the import
    expect((await billing.retention.purge()).bankCreditsRedacted).toBe(0);
    expect(await billing.reconciliation.get(id)).toMatchObject({
      payerName: 'Pia Unclaimed-Strom',
      payerIban: PAYER_IBAN,
    });
    clock.set('2026-02-09T09:00:00.001Z');
    expect((await billing.retention.purge()).bankCreditsRedacted).toBe(1);
    const purged = await billing.reconciliation.get(id);
    expect(purged).toMatchObject({ status: 'unmatched', amount: '7.50', valueDate: '2026-01-10', lineId: 'N-1' });
    expect([purged.payerName, purged.payerIban]).toEqual([undefined, undefined]);
    // SHA-256 of "gift from Pia PUS" (printf 'gift from Pia PUS' | sha256sum)
    expect(purged.remittance).toBe('sha256:13fc863de278b250c8cb105794f2b59c40dcb73ad70d3cd8505cf287c33b956a');
    expect((await billing.retention.purge()).bankCreditsRedacted).toBe(0);
  });

  it('leave a live customer’s matched credit alone', async () => {
    const { clock, billing, invoice } = await fixture();
    const open = await invoice('24.00');
    const imported = await billing.reconciliation.import({
      entries: [credit('N-2', '24.00', { name: 'ACME GMBH', iban: PAYER_IBAN }, `${open.number}`)],
    });
    expect(imported.counts.matched).toBe(1);
    clock.set('2027-01-10T09:00:00Z');
    expect((await billing.retention.purge()).bankCreditsRedacted).toBe(0);
    expect(await billing.reconciliation.get(imported.lines[0]?.bankCreditId as string)).toMatchObject({
      payerIban: PAYER_IBAN,
    });
  });
});

describe('erasure and the accounts the matcher learnt', () => {
  for (const erase of [false, true]) {
    it(`a later transfer from the customer's account without a reference is ${erase ? 'only proposed by its amount after erasure' : 'matched by the known account'}`, async () => {
      const { billing, customer, invoice } = await fixture();
      const first = await invoice('24.00');
      await invoice('50.00');
      const payer = { name: 'ACME GMBH', iban: PAYER_IBAN };
      await billing.reconciliation.import({ entries: [credit('N-3', '24.00', payer, `Payment ${first.number}`)] });
      if (erase) expect((await billing.customers.erase(customer.id)).cleared.bankCredits).toBe(1);
      const later = await billing.reconciliation.import({ entries: [credit('N-4', '50.00', payer, 'thanks')] });
      // after erasure only the amount points at the customer's open invoice: a person decides
      expect(later.lines.map((line) => [line.outcome, line.reason])).toEqual([
        erase ? ['proposed', 'amount_only'] : ['matched', undefined],
      ]);
    });
  }
});
