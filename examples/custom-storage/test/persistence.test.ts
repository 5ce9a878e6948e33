import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCustomer } from '@billfold/storage-testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJsonFileStorage } from '../src/index';

describe('JsonFileStorage persistence', () => {
  let directory = '';
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'billfold-json-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('a reopened file holds what was committed, and nothing of a rolled-back transaction', async () => {
    const path = join(directory, 'billing.json');
    const storage = await openJsonFileStorage(path);
    const kept = makeCustomer();
    const dropped = makeCustomer();
    await storage.customers.insert(kept);
    await storage.invoices.reserveNumbers('INV', 2);
    await expect(
      storage.transaction(async (session) => {
        await session.customers.insert(dropped);
        await session.invoices.reserveNumbers('INV', 5);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await storage.close();

    const reopened = await openJsonFileStorage(path);
    expect(await reopened.customers.get(kept.id)).toStrictEqual(kept);
    expect(await reopened.customers.get(dropped.id)).toBeUndefined();
    expect(await reopened.invoices.reserveNumbers('INV', 1)).toBe(3);
    expect(JSON.parse(await readFile(path, 'utf8')).sequences).toEqual({ INV: 3 });
  });
});
