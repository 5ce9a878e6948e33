import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../src/money/money';
import { createCreditorReference } from '../../src/reconciliation/creditor-reference';
import type { OpenInvoice } from '../../src/reconciliation/match-input';
import { matchStatement } from '../../src/reconciliation/match-statement';
import type { BankStatementEntry } from '../../src/reconciliation/statement-entry';

const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
const IBANS = ['GB29NWBK60161331926819', 'DE89370400440532013000', 'FR7630006000011234567890189'];

const invoices = fc
  .array(
    fc.record({
      customer: fc.constantFrom('c1', 'c2', 'c3'),
      cents: fc.integer({ min: 1, max: 50_000 }),
      currency: fc.constantFrom('EUR', 'EUR', 'USD'),
      day: fc.integer({ min: 1, max: 28 }),
    }),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((list) =>
    list.map(
      (i, n): OpenInvoice => ({
        id: `inv_${n}`,
        number: `INV-2026-${String(n + 1).padStart(6, '0')}`,
        customerId: i.customer,
        currency: i.currency,
        amountRemaining: cents(i.cents),
        dueAt: `2026-01-${String(i.day).padStart(2, '0')}`,
      }),
    ),
  );

/** Remittance text naming invoices exactly, by RF, with a transposition, or not at all. */
const mention = (count: number) =>
  fc
    .record({ n: fc.integer({ min: 0, max: count - 1 }), how: fc.constantFrom('number', 'rf', 'typo', 'noise') })
    .map(({ n, how }) => {
      const number = `INV-2026-${String(n + 1).padStart(6, '0')}`;
      if (how === 'rf') return createCreditorReference(number);
      if (how === 'typo') return number.replace(/(\d)(\d)$/, '$2$1');
      return how === 'number' ? number : 'thanks';
    });

const scenario = invoices.chain((open) =>
  fc.record({
    open: fc.constant(open),
    entries: fc.array(
      fc.record({
        id: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'),
        cents: fc.oneof(
          fc.integer({ min: 0, max: 60_000 }),
          fc.constantFrom(...open.map((i) => Math.round(Number(i.amountRemaining) * 100))),
        ),
        currency: fc.constantFrom('EUR', 'EUR', 'USD'),
        direction: fc.constantFrom('credit', 'credit', 'credit', 'debit'),
        status: fc.constantFrom('booked', 'booked', 'booked', 'pending'),
        iban: fc.option(fc.constantFrom(...IBANS)),
        text: fc.array(mention(open.length), { maxLength: 3 }),
      }),
      { maxLength: 12 },
    ),
  }),
);

describe('matchStatement properties', () => {
  it('every candidate: allocations + unapplied = amount, each allocation > 0 and within what the invoice owes; automatic payments never exceed an invoice', () => {
    fc.assert(
      fc.property(scenario, ({ open, entries }) => {
        const statementEntries: BankStatementEntry[] = entries.map((e) => ({
          id: e.id,
          idSource: 'account_servicer_reference',
          statementId: 'S',
          account: 'DE02120300000000202051',
          amount: cents(e.cents),
          currency: e.currency,
          direction: e.direction as 'credit' | 'debit',
          status: e.status as 'booked' | 'pending',
          reversal: false,
          transactions: [
            {
              ...(e.iban !== null ? { debtor: { iban: e.iban } } : {}),
              remittance: { unstructured: e.text, creditorReferences: [], referredDocuments: [] },
            },
          ],
        }));
        const result = matchStatement({
          entries: statementEntries,
          openInvoices: open,
          knownPayers: [
            { customerId: 'c1', ibans: [IBANS[0] as string] },
            { customerId: 'c2', ibans: [IBANS[1] as string] },
          ],
        });
        const owed = new Map(open.map((i) => [i.id, money(i.amountRemaining, i.currency)]));
        const paid = new Map<string, ReturnType<typeof money>>();
        expect(result.lines).toHaveLength(entries.length);
        for (const line of result.lines) {
          const amount = money(line.amount, line.currency);
          for (const candidate of line.candidates) {
            let sum = money(candidate.unapplied, line.currency);
            expect(sum.isNegative()).toBe(false);
            for (const allocation of candidate.allocations) {
              const part = money(allocation.amount, line.currency);
              expect(part.isNegative() || part.isZero()).toBe(false);
              expect(part.compare(owed.get(allocation.invoiceId) as ReturnType<typeof money>)).toBeLessThanOrEqual(0);
              sum = sum.add(part);
            }
            expect(sum.compare(amount)).toBe(0);
          }
          if (line.kind === 'exact') {
            expect(line.candidates[0].unapplied).toMatch(/^0\.00$/);
            expect(line.payment.amount).toBe(line.amount);
            for (const a of line.payment.allocations)
              paid.set(
                a.invoiceId,
                (paid.get(a.invoiceId) ?? money('0', line.currency)).add(money(a.amount, line.currency)),
              );
          }
        }
        for (const [invoiceId, total] of paid)
          expect(total.compare(owed.get(invoiceId) as ReturnType<typeof money>)).toBeLessThanOrEqual(0);
        // deterministic: the same input gives the same result
        expect(
          matchStatement({
            entries: statementEntries,
            openInvoices: open,
            knownPayers: [
              { customerId: 'c1', ibans: [IBANS[0] as string] },
              { customerId: 'c2', ibans: [IBANS[1] as string] },
            ],
          }),
        ).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});
