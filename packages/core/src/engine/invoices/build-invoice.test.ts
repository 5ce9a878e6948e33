import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import type { Customer } from '../../domain/customer';
import { MemoryStorage } from '../../storage/memory-storage';
import { type EngineContext, resolveEngineConfig } from '../context';
import { createIdGenerator } from '../ids';
import { rejection } from '../test-fixture';
import { buildDraftInvoice } from './build-invoice';

const clock = createTestClock('2026-03-15T00:00:00Z');
const ctx = (config = {}): EngineContext => ({
  storage: new MemoryStorage(),
  clock,
  ids: createIdGenerator(clock),
  config: resolveEngineConfig(config),
});
const customer: Customer = {
  id: 'cus_1',
  name: 'Acme',
  email: 'a@acme.example',
  taxIds: [],
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  paymentTermsDays: 14,
  taxStatus: 'taxable',
  taxRateIds: ['vat'],
  metadata: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};
const vat = { id: 'vat', name: 'VAT 19%', percentage: '19', inclusive: false };

describe('buildDraftInvoice', () => {
  it('builds a draft from rated and fixed lines, discounts and credit', () => {
    const draft = buildDraftInvoice(ctx(), {
      customer,
      taxRates: [vat],
      billingReason: 'subscription_cycle',
      subscriptionId: 'sub_1',
      currency: 'EUR',
      periodStart: '2026-03-15T00:00:00.000Z',
      periodEnd: '2026-04-15T00:00:00.000Z',
      lines: [
        {
          kind: 'subscription',
          description: 'Seats',
          priceId: 'price_1',
          price: { model: 'per_unit', currency: 'EUR', unitAmount: '12.50' },
          quantity: '4',
          unitAmount: '12.50',
        },
        { kind: 'fee', description: 'Setup', amount: '100.00', discountable: false },
      ],
      discounts: [{ percentOff: '10' }],
      creditBalance: '20.00',
    });
    // seats 50.00 − 10% = 45.00 (+8.55 VAT); setup 100.00 (+19.00) → 172.55, minus 20.00 credit
    expect(draft).toMatchObject({
      status: 'draft',
      sequence: 'INV-2026',
      subtotal: '150.00',
      discountTotal: '5.00',
      taxTotal: '27.55',
      total: '172.55',
      creditApplied: '20.00',
      amountDue: '152.55',
      amountRemaining: '152.55',
      amountPaid: '0.00',
      version: 1,
      createdAt: '2026-03-15T00:00:00.000Z',
      taxRates: [vat],
    });
    expect(draft.number).toBeUndefined();
    expect(draft.lines[0]).toMatchObject({
      kind: 'subscription',
      quantity: '4',
      amount: '50.00',
      discountAmount: '5.00',
      taxableAmount: '45.00',
    });
    expect('customerSnapshot' in draft).toBe(false);
  });

  it('subtracts negative (proration credit) lines with their tax, and a negative total becomes credit', () => {
    const lines = [
      { kind: 'proration' as const, description: 'Unused time on Basic', amount: '-15.00' },
      { kind: 'proration' as const, description: 'Remaining time on Pro', amount: '40.00' },
    ];
    const draft = buildDraftInvoice(ctx(), {
      customer,
      taxRates: [vat],
      billingReason: 'subscription_update',
      currency: 'EUR',
      lines,
      creditBalance: '5.00',
    });
    // 40.00 − 15.00 = 25.00; VAT 7.60 − 2.85 = 4.75; total 29.75; 5.00 credit applied
    expect(draft).toMatchObject({
      subtotal: '25.00',
      taxTotal: '4.75',
      total: '29.75',
      creditApplied: '5.00',
      amountDue: '24.75',
    });
    expect(draft.lines[0]).toMatchObject({
      amount: '-15.00',
      taxableAmount: '-15.00',
      taxes: [{ rateId: 'vat', amount: '-2.85' }],
    });
    expect(draft.taxes).toEqual([{ rateId: 'vat', taxableAmount: '25.00', amount: '4.75' }]);
    const downgrade = buildDraftInvoice(ctx(), {
      customer,
      taxRates: [vat],
      billingReason: 'subscription_update',
      currency: 'EUR',
      lines: [lines[1] as (typeof lines)[number], { ...(lines[0] as (typeof lines)[number]), amount: '-60.00' }],
      creditBalance: '5.00',
    });
    // 40.00 − 60.00 = −20.00; VAT 7.60 − 11.40 = −3.80; total −23.80 → credit to the customer, nothing due
    expect(downgrade).toMatchObject({ total: '-23.80', creditApplied: '-23.80', amountDue: '0.00' });
  });

  it('applies cash rounding per currency', () => {
    const chf = buildDraftInvoice(ctx({ cashRounding: { CHF: '0.05' } }), {
      customer: { ...customer, currency: 'CHF' },
      taxRates: [{ id: 'mwst', name: 'MWST 8.1%', percentage: '8.1', inclusive: false }],
      billingReason: 'manual',
      currency: 'CHF',
      lines: [{ kind: 'one_off', description: 'Work', amount: '10.00' }],
      creditBalance: '0',
    });
    // 10.00 + 0.81 = 10.81 → 10.80
    expect(chf).toMatchObject({ total: '10.80', roundingAmount: '-0.01', amountDue: '10.80' });
  });

  it('reports bad lines at their index, also among negative lines', async () => {
    const build = (amount: string) =>
      Promise.resolve().then(() =>
        buildDraftInvoice(ctx(), {
          customer,
          taxRates: [vat],
          billingReason: 'manual',
          currency: 'EUR',
          lines: [
            { kind: 'one_off', description: 'A', amount: '-1.00' },
            { kind: 'one_off', description: 'B', price: { model: 'flat', currency: 'USD', amount: '1' } },
            { kind: 'one_off', description: 'C', amount },
          ],
          creditBalance: '0',
        }),
      );
    const error = await rejection(build('1.00'));
    expect([error.code, error.path]).toEqual(['currency_mismatch', ['input', 'lines', 1, 'price', 'currency']]);
  });
});
