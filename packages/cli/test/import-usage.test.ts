import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBilling, createTestClock } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLines } from '../src/usage-import/event-lines';
import { runCli } from './support/capture-io';

/*
 * `billfold import-usage` on a PGlite folder holding one customer with a metered subscription (data, sum of `gb`):
 * files are written here, imported, and the stored usage read back through the engine.
 */

let root: string;
let subscriptionId: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'billfold-import-'));
  const storage = await createPostgresStorage({ dataDir: join(root, 'data') });
  const billing = createBilling({ storage, clock: createTestClock('2026-01-01T00:00:00Z') });
  await billing.customers.create({ id: 'cus_a', name: 'A', email: 'a@example.com', currency: 'EUR' });
  const meter = await billing.catalog.meters.create({
    id: 'meter_data',
    name: 'Data',
    eventName: 'data',
    aggregation: 'sum',
    property: 'gb',
  });
  await billing.catalog.products.create({ id: 'prod_data', name: 'Data', billingCode: 'DATA', category: 'plans' });
  await billing.catalog.prices.create({
    id: 'price_data',
    productId: 'prod_data',
    spec: { model: 'per_unit', currency: 'EUR', unitAmount: '0.50' },
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
  });
  const { subscription } = await billing.subscriptions.create({
    customerId: 'cus_a',
    items: [{ priceId: 'price_data' }],
  });
  subscriptionId = subscription.id;
  await storage.close();
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli(root, ...args);

/** The data used so far in the subscription's January period, in GB. */
async function usedGb(): Promise<string | undefined> {
  const storage = await createPostgresStorage({ dataDir: join(root, 'data') });
  try {
    const billing = createBilling({ storage, clock: createTestClock('2026-01-20T00:00:00Z') });
    return (await billing.usage.summary({ subscriptionId })).meters[0]?.quantity;
  } finally {
    await storage.close();
  }
}

const ndjson = (...events: object[]) => `${events.map((event) => JSON.stringify(event)).join('\n')}\n`;
const event = (id: string, gb: string) => ({
  id,
  customerId: 'cus_a',
  eventName: 'data',
  timestamp: '2026-01-10T00:00:00Z',
  properties: { gb },
});

describe('billfold import-usage', () => {
  it('stores an NDJSON file once: imported again, every event is a duplicate', async () => {
    await writeFile(
      join(root, 'jan.ndjson'),
      `${ndjson(event('n1', '1.5'), event('n2', '2'))}\n${ndjson(event('n3', '0.25'))}`,
    );
    const first = await run('import-usage', 'jan.ndjson', '--data-dir', 'data');
    expect(first).toEqual({
      code: 0,
      stdout: [
        `Imported jan.ndjson into PGlite in ${join(root, 'data')}`,
        '  events       3',
        '  stored       3',
        '  duplicates   0 (sent before: skipped)',
        '  batches      1',
      ],
      stderr: [],
    });
    expect(await usedGb()).toBe('3.75');
    const again = await run('import-usage', 'jan.ndjson', '--data-dir', 'data', '--json');
    expect(JSON.parse(again.stdout.join('\n'))).toEqual({ events: 3, inserted: 0, duplicates: 3, batches: 1 });
    expect(await usedGb()).toBe('3.75');
  });

  it('reads CSV: a header, properties by column, quoted values across lines, empty cells absent', async () => {
    const csv = [
      'id,customerId,subscriptionId,eventName,timestamp,gb,note',
      `c1,cus_a,${subscriptionId},data,2026-01-11T00:00:00Z,10,"router ""A"""`,
      'c2,cus_a,,data,2026-01-11T00:00:00Z,0.5,"two',
      'lines, one value"',
      '',
      'c3,cus_a,,data,2026-01-12T00:00:00Z,4,',
    ].join('\r\n');
    await writeFile(join(root, 'jan.csv'), csv);
    const { code, stdout } = await run('import-usage', 'jan.csv', '--data-dir', 'data', '--batch-size', '2');
    expect(code).toBe(0);
    expect(stdout.slice(1)).toEqual([
      '  events       3',
      '  stored       3',
      '  duplicates   0 (sent before: skipped)',
      '  batches      2',
    ]);
    expect(await usedGb()).toBe('18.25');
  });

  it('stops at a bad event, naming its line; the batches before it stay stored', async () => {
    const lines = `${ndjson(event('b1', '1'), event('b2', '1'), event('b3', '1'))}\n${ndjson(event('b4', 'lots'))}`;
    await writeFile(join(root, 'bad.ndjson'), lines);
    const { code, stdout, stderr } = await run('import-usage', 'bad.ndjson', '--data-dir', 'data', '--batch-size', '2');
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toBe('stopped after 2 events in 1 batch, which are stored (importing again skips them)');
    // Line 5: the blank line 4 is skipped; the engine's path counts events from 0 (event 3).
    expect(stderr[1]).toMatch(/^billfold import-usage: line 5: Invalid events\.3\.properties\.gb: /);
    expect(await usedGb()).toBe('20.25');
  });

  it('refuses a line that is not an event and a CSV row of the wrong width, by line', async () => {
    await writeFile(join(root, 'broken.ndjson'), `${ndjson(event('x1', '1'))}{"id": \n`);
    const broken = await run('import-usage', 'broken.ndjson', '--data-dir', 'data');
    expect(broken.code).toBe(1);
    expect(broken.stderr[0]).toMatch(/^billfold import-usage: line 2: not JSON/);
    await writeFile(join(root, 'narrow.csv'), 'id,customerId,eventName,gb\nx2,cus_a,data\n');
    const narrow = await run('import-usage', 'narrow.csv', '--data-dir', 'data');
    expect(narrow.stderr[0]).toBe("billfold import-usage: line 2: 3 values for the header's 4 columns");
    await writeFile(join(root, 'headless.csv'), 'customerId,eventName,gb\n');
    const headless = await run('import-usage', 'headless.csv', '--data-dir', 'data');
    expect(headless.stderr[0]).toMatch(/^billfold import-usage: line 1: the header lacks "id"/);
    expect(await usedGb()).toBe('20.25');
  });

  it('asks for a format it cannot tell from the name, and for the file', async () => {
    const unnamed = await run('import-usage', 'usage.txt', '--data-dir', 'data');
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr[0]).toBe(
      `billfold import-usage: cannot tell the format of ${join(root, 'usage.txt')} from its name: pass --format ndjson or csv`,
    );
    expect((await run('import-usage', '--data-dir', 'data')).stderr[0]).toBe(
      'billfold import-usage: name the usage file to import',
    );
  });
});

describe('EventLines', () => {
  it('tells the line of each event from anchors where the lines jump', () => {
    const lines = new EventLines();
    // Header on line 1, events on 2–4, a blank line 5, events on 6–7, one spanning 8–9, then 10.
    for (const [index, line] of [
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 6],
      [4, 7],
      [5, 8],
      [6, 10],
    ] as const) {
      lines.record(index, line);
    }
    expect([0, 1, 2, 3, 4, 5, 6].map((index) => lines.lineOf(index))).toEqual([2, 3, 4, 6, 7, 8, 10]);
    expect(lines.lineOf(-1)).toBeUndefined();
  });
});
