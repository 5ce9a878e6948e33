import type { DuePosition, StorageSession } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index';
import { describeServer, dropSchema, freshSchema, newPool } from './support/backends';
import { RUN_NOW, runner, seedScenario, wrapSessions } from './support/engine-scenario';

/** One `claimDue` call of a run: where it started and the ids it got. */
interface Claim {
  readonly after: DuePosition | undefined;
  readonly ids: readonly string[];
  readonly last: DuePosition | undefined;
}

describeServer('a billing run claims past its last claim (PostgreSQL)', () => {
  it('starts each claim where the one before ended, and bills at the end a row it skipped while locked', async () => {
    const pool = newPool(4);
    const storage = await createPostgresStorage({ pool, schema: freshSchema() });
    const holder = await pool.connect();
    try {
      await seedScenario(storage, { adapterSubscriptions: 30, engineGroups: 0 });
      const [first] = await storage.transaction((tx) => tx.subscriptions.claimDue({ now: RUN_NOW, limit: 1 }));
      if (first === undefined) throw new Error('nothing due');
      const invoicesBefore = (await storage.invoices.list({ subscriptionId: first.id, limit: 10 })).items.length;
      // Another writer (as usage ingestion does) holds the first due row when the run makes its first claim.
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM "${storage.schema}".subscriptions WHERE id = $1 FOR SHARE`, [first.id]);
      const claims: Claim[] = [];
      const watched = wrapSessions(
        storage,
        (session): StorageSession => ({
          ...session,
          subscriptions: {
            ...session.subscriptions,
            claimDue: async (query) => {
              const rows = await session.subscriptions.claimDue(query);
              const tail = rows.at(-1);
              claims.push({
                after: query.after,
                ids: rows.map((s) => s.id),
                last: tail?.nextBillingAt === undefined ? undefined : { at: tail.nextBillingAt, id: tail.id },
              });
              if (claims.length === 1) await holder.query('COMMIT');
              return rows;
            },
          },
        }),
      );
      const summary = await runner(watched).runCycle({ now: RUN_NOW, batchSize: 5, concurrency: 1 });
      expect(summary).toMatchObject({ subscriptionsBilled: 30, errors: [] });
      expect(claims[0]?.ids).not.toContain(first.id);
      // Each claim after the first starts past the last row of the one before, until one finds nothing there.
      const sweep = claims.findIndex((claim, i) => i > 0 && claim.after === undefined);
      expect(sweep).toBeGreaterThan(1);
      for (let i = 1; i < sweep; i++) expect(claims[i]?.after).toEqual(claims[i - 1]?.last);
      expect(claims[sweep - 1]?.ids).toEqual([]);
      // The row skipped while held is billed by the claim from the start, once.
      expect(claims[sweep]?.ids).toEqual([first.id]);
      expect(claims.flatMap((claim) => claim.ids).filter((id) => id === first.id)).toHaveLength(1);
      const invoices = await storage.invoices.list({ subscriptionId: first.id, limit: 10 });
      expect(invoices.items.length).toBeGreaterThan(invoicesBefore);
      expect((await storage.subscriptions.get(first.id))?.nextBillingAt?.localeCompare(RUN_NOW)).toBe(1);
    } finally {
      holder.release();
      await dropSchema(storage);
      await pool.end();
    }
  });
});
