import { type InMemoryTelemetry, installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createCollectionsFixture } from './collections-fixture';
import type { CollectionsRunSummary } from './run-collections';

let sdk: InMemoryTelemetry | undefined;
afterEach(() => sdk?.uninstall());

/**
 * The month of run-collections.test.ts, counted by hand (Acme GmbH, 1,000.00 due 15 March, the example policy):
 * reminders on 12, 15, 22 and 29 March (4); overdue on 19 March (1); fees with reminder 3 on 22 March (the reminder
 * fee, interest, the 40.00 compensation: 3) and with reminder 4 on 29 March (the fee, interest: 2), 5 in all; dunning
 * past due on 19, unpaid on 26, suspended on 29 March. Collections run daily at 07:00 UTC from 2 to 29 March: 28
 * runs.
 */
describe('collections telemetry', () => {
  it('counts reminders, overdue flags, fees and dunning stages, and times every run and batch', async () => {
    const f = await createCollectionsFixture();
    await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    sdk = installInMemoryTelemetry();
    const summaries: CollectionsRunSummary[] = [];
    for (let day = 2; day <= 29; day++) {
      f.clock.set(`2026-03-${String(day).padStart(2, '0')}T07:00:00.000Z`);
      summaries.push(await f.billing.collections.run());
    }
    const sum = (figure: (s: CollectionsRunSummary) => number) => summaries.reduce((n, s) => n + figure(s), 0);
    const step = (name: string, more: Record<string, string> = {}) => ({ 'billfold.step': name, ...more });

    expect(await sdk.total('billfold.collections.items', step('reminder'))).toBe(4);
    expect(await sdk.total('billfold.collections.items', step('overdue'))).toBe(1);
    expect(await sdk.total('billfold.collections.items', step('fee'))).toBe(5);
    const stage = (name: string) => step('dunning', { 'billfold.dunning.stage': name });
    expect([
      await sdk.total('billfold.collections.items', stage('past_due')),
      await sdk.total('billfold.collections.items', stage('unpaid')),
      await sdk.total('billfold.collections.items', stage('suspended')),
      await sdk.total('billfold.collections.items', stage('canceled')),
    ]).toEqual([1, 1, 1, 0]);
    // The summaries report the same figures.
    expect([sum((s) => s.remindersSent), sum((s) => s.invoicesOverdue), sum((s) => s.feesCharged)]).toEqual([4, 1, 5]);
    // Every run is timed; a batch only when it collected something, and it counts the invoices it collected.
    expect(await sdk.total('billfold.collections.duration', step('run'))).toBe(28);
    // The invoice moves on 12, 15, 19, 22, 26 and 29 March, one batch each (the fee invoices fall due in April).
    expect([sum((s) => s.batches), sum((s) => s.invoicesCollected)]).toEqual([6, 6]);
    expect(await sdk.total('billfold.collections.duration', step('batch'))).toBe(6);
    expect(await sdk.total('billfold.collections.items', step('batch'))).toBe(6);
    expect(await sdk.points('billfold.collections.errors')).toEqual([]);

    // One span per run, each claim a span under its run's.
    const spans = sdk.spans();
    const runs = new Set(spans.filter((s) => s.name === 'billfold.collections.run').map((s) => s.spanContext().spanId));
    expect(runs.size).toBe(28);
    const claims = spans.filter((s) => s.name === 'billfold.collections.batch');
    // Each run claims until nothing is left: its batches and one empty claim.
    expect(claims).toHaveLength(6 + 28);
    for (const claim of claims) expect(runs.has(claim.parentSpanContext?.spanId as string)).toBe(true);
  });

  it('counts a refused run at its step and an invoice that could not be collected at the step it failed', async () => {
    const f = await createCollectionsFixture();
    sdk = installInMemoryTelemetry();
    await expect(f.billing.collections.run({ now: '2026-06-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    // Written past the engine, as a config change would leave it: the customer's policy is gone.
    await f.storage.customers.update({ ...f.customer, collectionsPolicy: 'gone', version: f.customer.version + 1 });
    await f.billing.invoices.createOneOff({
      customerId: f.customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    f.clock.set('2026-03-20T07:00:00Z');
    expect((await f.billing.collections.run()).errors).toHaveLength(1);
    expect(await sdk.points('billfold.collections.errors')).toEqual([
      { attributes: { 'billfold.step': 'run', 'error.type': 'invalid_input' }, value: 1 },
      { attributes: { 'billfold.step': 'plan', 'error.type': 'invalid_state' }, value: 1 },
    ]);
    expect(await sdk.total('billfold.collections.duration', { 'billfold.step': 'run' })).toBe(2);
  });
});
