import { it } from 'vitest';
import { createPostgresStorage } from '../src/index';
import { dropSchema, freshSchema, sharedPGlite, sharedPool } from './support/backends';

it('measure', async () => {
  let t = performance.now();
  const db = await sharedPGlite();
  console.log('pglite start', Math.round(performance.now() - t));
  for (const [name, opts] of [['pglite', { pglite: db }], ['server', { pool: sharedPool() }]] as const) {
    const times: number[] = [];
    const drops: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      const s = await createPostgresStorage({ ...opts, schema: freshSchema() } as never);
      times.push(performance.now() - t);
      t = performance.now();
      await dropSchema(s);
      drops.push(performance.now() - t);
    }
    const s = await createPostgresStorage({ ...opts, schema: freshSchema() } as never);
    const tr: number[] = [];
    for (let i = 0; i < 10; i++) {
      t = performance.now();
      await s.client.query(`TRUNCATE ${['customers','products','prices','meters','coupons','tax_rates','subscriptions','usage_events','invoices','credit_notes','payments','refunds','balance_transactions','idempotency_records','number_sequences'].map(x => `"${s.schema}"."${x}"`).join(', ')}`);
      tr.push(performance.now() - t);
    }
    await dropSchema(s);
    const med = (a: number[]) => Math.round(a.sort((x, y) => x - y)[5] ?? 0);
    console.log(name, 'migrate median', med(times), 'drop', med(drops), 'truncate', med(tr));
  }
});
