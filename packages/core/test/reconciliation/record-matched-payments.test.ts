/**
 * The matcher's exact payments through today's engine, unchanged: `payments.record` settles the invoice, and
 * recording the same statement's payments again (same idempotency keys) records nothing new.
 */
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../src/clock/test-clock';
import { createBilling } from '../../src/engine/create-billing';
import { createMemoryStorage } from '../../src/storage/index';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import { createCreditorReference } from '../../src/reconciliation/creditor-reference';
import { matchStatement } from '../../src/reconciliation/match-statement';
import { camtDocument } from './camt-fixtures';

describe('recording exact matches with the engine', () => {
  it('settles the invoice once, however often the statement is imported', async () => {
    const billing = createBilling({ storage: createMemoryStorage(), clock: createTestClock('2026-01-10T00:00:00Z') });
    const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Setup', amount: '119.00' }],
      autoFinalize: true,
    });
    const number = invoice.number as string;
    const xml = camtDocument({
      message: '053',
      version: '08',
      statements: [
        {
          id: 'S-1',
          iban: 'DE89370400440532013000',
          entries: [
            {
              reference: 'BANK-REF-1',
              amount: invoice.amountRemaining,
              transactions: [{ creditorReference: createCreditorReference(number) }],
            },
          ],
        },
      ],
    });
    const importOnce = async () => {
      const open = (await billing.invoices.list({ customerId: customer.id })).items
        .filter((i) => i.status === 'open')
        .map((i) => ({
          id: i.id,
          number: i.number as string,
          customerId: i.customerId,
          currency: i.currency,
          amountRemaining: i.amountRemaining,
        }));
      const { lines } = matchStatement({ entries: parseCamt(xml).entries, openInvoices: open });
      for (const line of lines) if (line.kind === 'exact') await billing.payments.record(line.payment);
      return lines.map((l) => l.kind);
    };
    expect(await importOnce()).toEqual(['exact']);
    // the second import no longer sees the invoice as open; replaying the payment itself is also a no-op
    expect(await importOnce()).toEqual(['unmatched']);
    const first = matchStatement({
      entries: parseCamt(xml).entries,
      openInvoices: [
        { id: invoice.id, number, customerId: customer.id, currency: 'EUR', amountRemaining: invoice.amountRemaining },
      ],
    }).lines[0];
    if (first?.kind !== 'exact') throw new Error('expected an exact match');
    await billing.payments.record(first.payment);
    const payments = (await billing.payments.list({ customerId: customer.id })).items;
    expect(payments.map((p) => [p.amount, p.method, p.reference, p.allocations])).toEqual([
      ['119.00', 'bank_transfer', 'BANK-REF-1', [{ invoiceId: invoice.id, amount: '119.00' }]],
    ]);
    expect((await billing.invoices.get(invoice.id)).status).toBe('paid');
  });
});
