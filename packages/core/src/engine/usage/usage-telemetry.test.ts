import { type InMemoryTelemetry, installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import type { UsageEventInput } from './usage-event-input';

let sdk: InMemoryTelemetry | undefined;
afterEach(() => sdk?.uninstall());

/**
 * Four batches and a stream for `cus_main` (Pro + data, metered by `gb`), every figure counted by hand:
 * - batch 1: evt_1, evt_2, evt_3 → 3 inserted;
 * - batch 2: evt_2, evt_3 again and evt_4 → 1 inserted, 2 duplicates;
 * - batch 3: evt_5 and evt_6 with `gb: "-1"` → refused whole (`invalid_input`): 2 rejected, nothing stored;
 * - batch 4: evt_1 again → 1 duplicate;
 * - a stream of evt_4 again, evt_5, evt_6 in batches of 2 → 2 inserted, 1 duplicate.
 * `ingest`: 4 inserted, 3 duplicates, 2 rejected, 4 batches timed, 1 error; `stream`: 2 inserted, 1 duplicate.
 */
describe('usage ingestion telemetry', () => {
  it('counts events by outcome and refused batches by code, and times each batch', async () => {
    const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
    await f.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
    });
    sdk = installInMemoryTelemetry();
    const event = (id: string, gb = '1'): UsageEventInput => ({
      id,
      customerId: f.customer.id,
      eventName: 'data',
      timestamp: '2026-01-05T00:00:00Z',
      properties: { gb },
    });
    expect(await f.usage.ingest([event('evt_1'), event('evt_2'), event('evt_3')])).toMatchObject({ inserted: 3 });
    expect(await f.usage.ingest([event('evt_2'), event('evt_3'), event('evt_4')])).toMatchObject({
      inserted: 1,
      duplicates: 2,
    });
    await expect(f.usage.ingest([event('evt_5'), event('evt_6', '-1')])).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await f.usage.ingest([event('evt_1')])).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(
      await f.usage.ingestStream([event('evt_4'), event('evt_5'), event('evt_6')], { batchSize: 2 }),
    ).toMatchObject({ inserted: 2, duplicates: 1 });

    const items = async (step: string, outcome: string) =>
      sdk?.total('billfold.usage.items', { 'billfold.step': step, 'billfold.usage.outcome': outcome });
    expect([
      await items('ingest', 'inserted'),
      await items('ingest', 'duplicate'),
      await items('ingest', 'rejected'),
    ]).toEqual([4, 3, 2]);
    expect([await items('stream', 'inserted'), await items('stream', 'duplicate')]).toEqual([2, 1]);
    expect(await sdk.points('billfold.usage.errors')).toEqual([
      { attributes: { 'billfold.step': 'ingest', 'error.type': 'invalid_input' }, value: 1 },
    ]);
    expect(await sdk.total('billfold.usage.duration', { 'billfold.step': 'ingest' })).toBe(4);
    expect(await sdk.total('billfold.usage.duration', { 'billfold.step': 'stream' })).toBe(1);
    expect(sdk.spans().map((span) => span.name)).toEqual([
      ...Array(4).fill('billfold.usage.ingest'),
      'billfold.usage.stream',
    ]);
  });
});
