import { type InMemoryTelemetry, installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../domain/subscription';
import { createCycleFixture } from './cycle-fixture';

let sdk: InMemoryTelemetry | undefined;
afterEach(() => sdk?.uninstall());

/** The fixture is built first: the host installs its SDK after Billfold was imported and used. */
async function installed() {
  const f = await threeCustomers();
  sdk = installInMemoryTelemetry();
  return { f, sdk };
}

/**
 * Three customers, from Jan 1, run on Mar 1:
 * - `cus_main`: Pro + data (metered in arrears), 12 GB used in January → invoices on Feb 1 (Pro for February and
 *   January's data) and Mar 1 (Pro for March and February's data): 2 invoices, 2 usage lines;
 * - `cus_b`: Basic → Feb 1 and Mar 1: 2 invoices;
 * - `cus_c`: Plus from Jan 15 → Feb 15: 1 invoice; and a subscription whose price is gone from the catalog:
 *   not billed, one error at step `draft`, code `not_found`.
 * 5 invoices, 3 subscriptions billed, 1 error.
 */
async function threeCustomers() {
  const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
  await f.subscriptions.create({
    customerId: f.customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
  await f.usage.ingest([
    {
      id: 'use_1',
      customerId: f.customer.id,
      eventName: 'data',
      timestamp: '2026-01-20T00:00:00Z',
      properties: { gb: '12' },
    },
  ]);
  const b = await f.addCustomer('cus_b');
  await f.subscriptions.create({ customerId: b.id, items: [{ priceId: f.prices.basic.id }] });
  const c = await f.addCustomer('cus_c');
  f.clock.set('2026-01-15T00:00:00Z');
  const { subscription } = await f.subscriptions.create({ customerId: c.id, items: [{ priceId: f.prices.plus.id }] });
  const broken: Subscription = {
    ...subscription,
    id: 'sub_broken',
    items: [{ id: 'si_broken', priceId: 'price_gone', quantity: '1' }],
  };
  await f.storage.subscriptions.insert(broken);
  f.clock.set('2026-03-01T00:00:00Z');
  return f;
}

describe('billing run telemetry', () => {
  it('counts what the run did, per step, in its instruments and its summary alike', async () => {
    const { f, sdk } = await installed();
    const invoicesBefore = (await f.invoices()).length;
    const summary = await f.run({ batchSize: 2 });
    expect(summary).toMatchObject({ invoicesCreated: 5, subscriptionsBilled: 3 });
    expect((await f.invoices()).length - invoicesBefore).toBe(5);

    expect(await sdk.total('billfold.invoicing.items', { 'billfold.step': 'finalize' })).toBe(5);
    expect(await sdk.total('billfold.rating.items', { 'billfold.step': 'usage' })).toBe(2);
    expect(await sdk.total('billfold.run.items')).toBe(3);
    expect(await sdk.points('billfold.run.errors')).toEqual([
      { attributes: { 'billfold.step': 'draft', 'error.type': 'not_found' }, value: 1 },
    ]);
    // Latency: one catalog read, one whole run, one pass per committed batch.
    expect(await sdk.total('billfold.run.duration', { 'billfold.step': 'catalog' })).toBe(1);
    expect(await sdk.total('billfold.run.duration', { 'billfold.step': 'run' })).toBe(1);
    expect(await sdk.total('billfold.run.duration', { 'billfold.step': 'batch' })).toBe(summary.batches);
    expect(await sdk.total('billfold.invoicing.duration')).toBe(summary.batches);

    // The summary holds the very figures the instruments were given.
    for (const step of summary.measured) {
      const where = { 'billfold.step': step.step };
      expect(await sdk.total(`billfold.${step.area}.items`, where)).toBe(step.items);
      expect(await sdk.total(`billfold.${step.area}.duration`, where)).toBe(step.passes);
      for (const [code, count] of Object.entries(step.errors)) {
        expect(await sdk.total(`billfold.${step.area}.errors`, { ...where, 'error.type': code })).toBe(count);
      }
    }
    expect(summary.measured.map((step) => `${step.area}.${step.step}`).sort()).toEqual(
      ['invoicing.finalize', 'rating.usage', 'run.batch', 'run.catalog', 'run.draft', 'run.run'].sort(),
    );
  });

  it('traces the run: one span per batch under the run span, rating and invoicing under their batch', async () => {
    const { f, sdk } = await installed();
    const summary = await f.run({ batchSize: 2 });
    const spans = sdk.spans();
    const [run] = spans.filter((span) => span.name === 'billfold.run.run');
    const batches = spans.filter((span) => span.name === 'billfold.run.batch');
    // Every claim is a span, the last one (nothing left due) too.
    expect(batches).toHaveLength(summary.batches + 1);
    for (const batch of batches) expect(batch.parentSpanContext?.spanId).toBe(run?.spanContext().spanId);
    const batchIds = new Set(batches.map((batch) => batch.spanContext().spanId));
    const inner = spans.filter(
      (span) => span.name === 'billfold.invoicing.finalize' || span.name === 'billfold.rating.usage',
    );
    expect(inner.length).toBeGreaterThan(0);
    for (const span of inner) expect(batchIds.has(span.parentSpanContext?.spanId as string)).toBe(true);
  });

  it('bills the same without an SDK, and still tallies its figures', async () => {
    const f = await threeCustomers();
    const summary = await f.run({ batchSize: 2 });
    expect(summary).toMatchObject({ invoicesCreated: 5, subscriptionsBilled: 3 });
    expect(summary.measured.find((step) => step.step === 'finalize')?.items).toBe(5);
    expect(summary.measured.find((step) => step.step === 'draft')?.errors).toEqual({ not_found: 1 });
  });
});
