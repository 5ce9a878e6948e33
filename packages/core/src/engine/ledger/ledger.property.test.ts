import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBillingError } from '../../errors/billing-error';
import { createEngineFixture } from '../test-fixture';

type Step =
  | { readonly kind: 'pay'; readonly cents: number }
  | { readonly kind: 'credit'; readonly cents: number }
  | { readonly kind: 'refund'; readonly payment: number; readonly cents: number };

const eur = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const cents = (amount: string) => {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -value : value;
};

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 15_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), cents: fc.integer({ min: 1, max: 8_000 }) }),
  fc.record({ kind: fc.constant('refund' as const), payment: fc.nat(5), cents: fc.integer({ min: 1, max: 15_000 }) }),
);

describe('the ledger stays balanced', () => {
  it('amountPaid + amountCredited + amountRemaining = amountDue, and balance = overpayments + credit-note surpluses − credit applied − refunds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        async (net, steps) => {
          const { billing, customer } = await createEngineFixture();
          const invoice = await billing.invoices.createOneOff({
            customerId: customer.id,
            lines: [{ description: 'Work', amount: eur(net) }],
            autoFinalize: true,
          });
          const total = cents(invoice.total);
          // An independent model of what should happen, in cents.
          const model = { paid: 0, credited: 0, remaining: total, balance: 0, creditNotes: 0 };
          const payments: { id: string; amount: number; unapplied: number; allocated: number; refunded: number }[] = [];
          for (const s of steps) {
            const attempt = async (call: () => Promise<unknown>, allowed: boolean) => {
              try {
                await call();
                expect(allowed, JSON.stringify(s)).toBe(true);
              } catch (error) {
                if (!isBillingError(error) || allowed) throw error;
                expect(['invalid_input', 'invalid_state']).toContain(error.code);
              }
            };
            if (s.kind === 'pay') {
              const payment = await billing.payments.record({
                customerId: customer.id,
                amount: eur(s.cents),
                currency: 'EUR',
                method: 'cash',
              });
              const allocated = Math.min(s.cents, model.remaining);
              model.remaining -= allocated;
              model.paid += allocated;
              model.balance += s.cents - allocated;
              payments.push({
                id: payment.id,
                amount: s.cents,
                unapplied: s.cents - allocated,
                allocated,
                refunded: 0,
              });
            } else if (s.kind === 'credit') {
              const allowed = s.cents <= total - model.creditNotes;
              await attempt(
                () => billing.creditNotes.create({ invoiceId: invoice.id, amount: eur(s.cents), reason: 'other' }),
                allowed,
              );
              if (allowed) {
                const applied = Math.min(s.cents, model.remaining);
                model.remaining -= applied;
                model.credited += applied;
                model.balance += s.cents - applied;
                model.creditNotes += s.cents;
              }
            } else {
              const payment = payments[s.payment % Math.max(payments.length, 1)];
              if (payment === undefined) continue;
              const fromCredit = Math.min(s.cents, payment.unapplied, model.balance);
              const rest = s.cents - fromCredit;
              const allowed = s.cents <= payment.amount - payment.refunded && rest <= payment.allocated;
              await attempt(() => billing.payments.refund({ paymentId: payment.id, amount: eur(s.cents) }), allowed);
              if (allowed) {
                // The credit-note surplus still on the balance settles the invoice again before it reopens.
                const covered = Math.min(rest, model.creditNotes - model.credited, model.balance - fromCredit);
                model.balance -= fromCredit + covered;
                payment.unapplied -= fromCredit;
                payment.allocated -= rest;
                payment.refunded += s.cents;
                model.paid -= rest;
                model.credited += covered;
                model.remaining += rest - covered;
              }
            }
            const stored = await billing.invoices.get(invoice.id);
            const [paid, credited, remaining, due] = [
              stored.amountPaid,
              stored.amountCredited,
              stored.amountRemaining,
              stored.amountDue,
            ].map(cents);
            expect((paid as number) + (credited as number) + (remaining as number)).toBe(due);
            expect({ paid, credited, remaining }).toEqual({
              paid: model.paid,
              credited: model.credited,
              remaining: model.remaining,
            });
            expect(stored.status).toBe(model.remaining === 0 ? 'paid' : 'open');
            const entries = (await billing.balance.transactions(customer.id, { limit: 1000 })).items;
            const byType = (type: string) =>
              entries.filter((e) => e.type === type).reduce((sum, e) => sum + cents(e.amount), 0);
            const balance = cents((await billing.balance.get(customer.id, 'EUR')).amount);
            expect(balance).toBe(model.balance);
            expect(balance).toBe(
              byType('overpayment') + byType('credit_note') + byType('applied_to_invoice') + byType('refund'),
            );
            expect(balance).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
    // 150 engine runs take ~2 s alone and over 5 s on a busy machine: the limit guards against a hang, not speed.
  }, 60_000);
});
