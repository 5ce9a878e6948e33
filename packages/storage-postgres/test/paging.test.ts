import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema } from './support/backends';
import { expectBillingError } from './support/expect-billing-error';
import { customer } from './support/records';

describeBackends('paging by id', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('orders ids as JavaScript sorts them (byte order), whatever the database collation', async () => {
    const ids = ['b', 'B', 'a', 'A', '_x', '-y', 'Z9', 'z', 'a.b', 'a:c', '10', '9', 'cus_01J'];
    for (const id of ids) await storage.customers.insert(customer({ id }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await storage.customers.list({ limit: 4, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual([...ids].sort());
  });

  it('declares every id and key column with the "C" collation', async () => {
    const rows = await storage.client.query<{ table: string; column: string; collation: string | null }>(
      `SELECT table_name AS "table", column_name AS "column", collation_name AS collation FROM information_schema.columns
        WHERE table_schema = $1 AND (column_name = 'id' OR column_name LIKE '%\\_id' OR column_name IN ('key', 'sequence'))
          AND data_type = 'text' AND table_name NOT IN ('schema_migrations')`,
      [storage.schema],
    );
    const keys = rows.filter((row) => ['id', 'key', 'customer_id', 'subscription_id'].includes(row.column));
    expect(keys.length).toBeGreaterThan(14);
    expect(keys.filter((row) => row.collation !== 'C')).toEqual([]);
  });

  it('resumes after the cursor while rows are added, and ends without a cursor', async () => {
    for (const id of ['c1', 'c3', 'c5']) await storage.customers.insert(customer({ id }));
    const first = await storage.customers.list({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c1', 'c3']);
    await storage.customers.insert(customer({ id: 'c2' }));
    await storage.customers.insert(customer({ id: 'c4' }));
    const second = await storage.customers.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((c) => c.id)).toEqual(['c4', 'c5']);
    expect(second.nextCursor).toBeUndefined();
    await expectBillingError(storage.customers.list({ cursor: "' OR 1=1 --" }), 'invalid_input');
    await expectBillingError(storage.customers.list({ limit: 0 }), 'invalid_input');
  });
});
