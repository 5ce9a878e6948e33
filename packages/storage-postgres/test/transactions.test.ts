import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema } from './support/backends';
import { customer, invoice } from './support/records';

/** Transactions: atomic, the error re-thrown as it is, numbering rolled back, sessions unusable afterwards. */
describeBackends('transactions', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('rolls back every write and the reserved numbers when work throws, re-throwing the same error', async () => {
    const boom = new Error('boom');
    const record = customer();
    await expect(
      storage.transaction(async (tx) => {
        await tx.customers.insert(record);
        expect(await tx.invoices.reserveNumbers('INV', 10)).toBe(1);
        await tx.invoices.insertMany([invoice(), invoice()]);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.customers.get(record.id)).toBeUndefined();
    expect((await storage.invoices.list({})).items).toEqual([]);
    expect(await storage.invoices.reserveNumbers('INV', 1)).toBe(1);
  });

  it('runs calls the work does not await in order, and finishes them before committing', async () => {
    const records = [customer(), customer(), customer()];
    await storage.transaction(async (tx) => {
      void tx.customers.insert(records[0] as never);
      await Promise.all([tx.customers.insert(records[1] as never), tx.invoices.insertMany([invoice(), invoice()])]);
      void tx.customers.insert(records[2] as never);
    });
    expect((await storage.customers.list({})).items).toHaveLength(3);
    expect((await storage.invoices.list({})).items).toHaveLength(2);
  });

  it('refuses a session kept after its transaction ended', async () => {
    let kept: Parameters<Parameters<PostgresStorage['transaction']>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept?.customers.get('cus_x')).rejects.toThrow(/transaction has ended/);
  });

  it('fails the commit when a statement failed in SQL and its error was swallowed', async () => {
    const kept = customer();
    await storage.customers.insert(kept);
    const aborted = storage.transaction(async (tx) => {
      await tx.customers.insert(customer());
      const badPeriod = {
        subscriptionId: 's',
        eventName: 'e',
        aggregation: 'sum' as const,
        property: 'v',
        from: 'not a date',
        to: 'x',
      };
      await tx.usage.aggregate([badPeriod]).catch(() => undefined);
    });
    await expect(aborted).rejects.toThrow();
    expect((await storage.customers.list({})).items).toStrictEqual([kept]);
  });
});
