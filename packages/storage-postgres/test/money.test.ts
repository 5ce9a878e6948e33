import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type Backend, describeBackends, describeServer, dropSchema, freshSchema, serverUrl } from './support/backends';
import { balanceTransaction, invoice, usageEvent } from './support/records';

const AMOUNTS = [
  '19.990',
  '-0.0004',
  '0',
  '0.00',
  '90071992547409930.01',
  '123456789012345678901234567890.123456789',
  '-7',
];

describeBackends('money in numeric columns', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('stores totals as numeric and reads back the exact text, scale and size kept', async () => {
    const records = AMOUNTS.map((amount) => invoice({ total: amount, amountRemaining: amount, amountDue: amount }));
    await storage.invoices.insertMany(records);
    for (const record of records) expect(await storage.invoices.get(record.id)).toStrictEqual(record);
    const [column] = await storage.client.query<{ type: string }>(
      `SELECT data_type AS type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'invoices' AND column_name = 'amount_remaining'`,
      [storage.schema],
    );
    expect(column?.type).toBe('numeric');
  });

  it('sums a balance exactly beyond 2^53, with the largest scale of its entries', async () => {
    await storage.balance.insert(balanceTransaction({ customerId: 'cus_big', amount: '90071992547409930.01' }));
    await storage.balance.insert(balanceTransaction({ customerId: 'cus_big', amount: '0.990' }));
    await storage.balance.insert(balanceTransaction({ customerId: 'cus_big', amount: '-5' }));
    await storage.balance.insert(balanceTransaction({ customerId: 'cus_big', amount: '100', currency: 'USD' }));
    expect(await storage.balance.balance('cus_big', 'EUR')).toBe('90071992547409926.000');
    expect(await storage.balance.balance('cus_big', 'JPY')).toBe('0');
  });

  it('aggregates usage in SQL numerics: sum and max exact, last as written', async () => {
    await storage.usage.insertMany([
      usageEvent({ subscriptionId: 'sub_m', properties: { bytes: '90071992547409930.5' } }),
      usageEvent({ subscriptionId: 'sub_m', properties: { bytes: '0.25' }, timestamp: '2026-01-11T00:00:00.000Z' }),
    ]);
    const range = {
      subscriptionId: 'sub_m',
      eventName: 'api_call',
      property: 'bytes',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
    };
    expect(
      await storage.usage.aggregate([
        { ...range, aggregation: 'sum' },
        { ...range, aggregation: 'max' },
        { ...range, aggregation: 'last' },
      ]),
    ).toEqual(['90071992547409930.75', '90071992547409930.5', '0.25']);
  });
});

describeServer('money does not depend on the host’s global pg type parsers', () => {
  it('reads records unchanged while text, json, numeric, int8 and timestamptz parse differently globally', async () => {
    const { types } = pg;
    const { TEXT, JSONB, NUMERIC, INT8, TIMESTAMPTZ } = types.builtins;
    const parsers = [TEXT, JSONB, NUMERIC, INT8, TIMESTAMPTZ];
    const saved = parsers.map((oid) => types.getTypeParser(oid));
    for (const oid of parsers) types.setTypeParser(oid, (value: string) => Number.parseFloat(value));
    const storage = await createPostgresStorage({ connectionString: serverUrl() as string, schema: freshSchema() });
    try {
      const record = invoice({ total: '90071992547409930.010' });
      await storage.invoices.insert(record);
      expect(await storage.invoices.get(record.id)).toStrictEqual(record);
      expect(await storage.invoices.reserveNumbers('INV', 3)).toBe(1);
    } finally {
      parsers.forEach((oid, index) => {
        types.setTypeParser(oid, saved[index] as (value: string) => unknown);
      });
      await dropSchema(storage);
      await storage.close();
    }
  });
});
