import type { Invoice } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage, type SqlClient } from '../src/index';
import { type Backend, describeBackends, describeServer, dropSchema, postgresBackend } from './support/backends';
import { CountingClient } from './support/counting-client';
import { balanceTransaction, customer, invoice, subscription } from './support/records';

/** Storage over a counting client on the same schema as `base`. */
async function counted(base: PostgresStorage): Promise<{ storage: PostgresStorage; counting: CountingClient }> {
  const counting = new CountingClient(base.client);
  return { storage: await createPostgresStorage({ client: counting, schema: base.schema, migrate: false }), counting };
}

describeBackends('batched writes', (backend: Backend) => {
  it('insertMany of 2,000 invoices and updateMany of 500 subscriptions are one statement each', async () => {
    const base = await backend.storage();
    const { storage, counting } = await counted(base);
    try {
      const invoices = Array.from({ length: 2000 }, () => invoice());
      await storage.invoices.insertMany(invoices);
      expect(counting.statements).toHaveLength(1);

      const subscriptions = Array.from({ length: 500 }, () => subscription());
      await storage.transaction((tx) => Promise.all(subscriptions.map((s) => tx.subscriptions.insert(s))));
      counting.clear();
      const advanced = subscriptions.map((s) => ({ ...s, nextBillingAt: '2026-03-31T00:00:00.000Z', version: 2 }));
      await storage.transaction((tx) => tx.subscriptions.updateMany(advanced));
      // The run's transaction, the savepoint that keeps updateMany all-or-none, and one UPDATE.
      expect(counting.statements).toEqual([
        '<transaction>',
        '<transaction>',
        `UPDATE "${base.schema}"."subscriptions" t`,
      ]);
      expect(await base.subscriptions.get((advanced[499] as { id: string }).id)).toStrictEqual(advanced[499]);
    } finally {
      await dropSchema(base);
    }
  });
});

describeBackends('batched reads', (backend: Backend) => {
  it('customers.getMany and balance.balances read a whole batch with one statement each', async () => {
    const base = await backend.storage();
    const { storage, counting } = await counted(base);
    try {
      const customers = Array.from({ length: 600 }, () => customer());
      await base.transaction((tx) => Promise.all(customers.map((c) => tx.customers.insert(c))));
      await base.balance.insert(
        balanceTransaction({ customerId: (customers[7] as { id: string }).id, amount: '2.50' }),
      );
      const ids = customers.map((c) => c.id);
      counting.clear();
      const found = await storage.customers.getMany([...ids, 'cus_missing']);
      const balances = await storage.balance.balances(ids, 'EUR');
      expect(counting.statements).toHaveLength(2);
      expect(found).toHaveLength(600);
      expect(balances.size).toBe(600);
      expect(balances.get(ids[7] as string)).toBe('2.50');
      expect(balances.get(ids[8] as string)).toBe('0');
    } finally {
      await dropSchema(base);
    }
  });
});

/** Column names and SQL types of `table`, in table order. */
async function columnsOf(client: SqlClient, schema: string, table: string) {
  return client.query<{ name: string; type: string }>(
    `SELECT column_name AS name, format_type(atttypid, atttypmod) AS type FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = ($1 || '.' || $2)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = $1 AND c.table_name = $2 ORDER BY c.ordinal_position`,
    [schema, table],
  );
}

/** A hand-written batched insert (one array per column through `unnest`): the baseline the adapter is held to. */
async function rawInsert(client: SqlClient, schema: string, records: readonly Invoice[]): Promise<void> {
  const columns = await columnsOf(client, schema, 'invoices');
  const field = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const arrays = columns.map(({ name, type }) =>
    records.map((record) => {
      const value = (record as unknown as Record<string, unknown>)[field(name)];
      if (value === undefined) return null;
      return type === 'jsonb' ? JSON.stringify(value) : value;
    }),
  );
  const casts = columns.map(({ type }, i) => `$${i + 1}::${type}[]`).join(', ');
  await client.query(`INSERT INTO "${schema}".invoices SELECT * FROM unnest(${casts})`, arrays);
}

describeServer('batching against a raw batched insert', () => {
  it('inserts 10,000 invoices about as fast as a hand-written unnest insert', async () => {
    const storage = await postgresBackend.storage();
    const schema = storage.schema as string;
    try {
      const time = async (work: () => Promise<void>) => {
        const start = performance.now();
        await work();
        return performance.now() - start;
      };
      const make = () => Array.from({ length: 10_000 }, () => invoice());
      await rawInsert(storage.client, schema, make()); // warm-up of both paths
      await storage.invoices.insertMany(make());
      const raw = await time(() => rawInsert(storage.client, schema, make()));
      const adapter = await time(() => storage.invoices.insertMany(make()));
      console.info(
        `10,000 invoices: adapter insertMany ${adapter.toFixed(0)} ms, raw unnest insert ${raw.toFixed(0)} ms`,
      );
      expect(adapter, `adapter ${adapter.toFixed(0)} ms, raw ${raw.toFixed(0)} ms`).toBeLessThan(raw * 3 + 250);
      const [count] = await storage.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}".invoices`);
      expect(count?.n).toBe(40_000);
    } finally {
      await dropSchema(storage);
    }
  });
});
