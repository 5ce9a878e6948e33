import type { BillingStorageAdapter, StorageSession, Subscription } from '@billfold/core';
import { concurrencyRules } from '@billfold/storage-testkit';
import { afterEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { describeServer, dropSchema, postgresBackend } from './support/backends';

/*
 * The kit's concurrency suite must fail an adapter that declares what it does not do. Its rules run here on a
 * real PostgreSQL server behind two lying wrappers: one whose lock calls inside transactions lock nothing (they
 * answer as a lock would), and one that declares serial transactions while the server runs them side by side.
 */

let storage: PostgresStorage | undefined;
afterEach(async () => {
  if (storage !== undefined) await dropSchema(storage);
  storage = undefined;
});

/** The session with lock calls that lock nothing but answer as the real ones would. */
function withoutLocks(session: StorageSession): StorageSession {
  return {
    ...session,
    locks: {
      customers: async (ids) => (await session.customers.getMany(ids)).map((customer) => customer.id).sort(),
    },
    subscriptions: {
      ...session.subscriptions,
      lock: async (ids) => {
        const rows = await Promise.all([...new Set(ids)].sort().map((id) => session.subscriptions.get(id)));
        return rows.filter((row): row is Subscription => row !== undefined);
      },
      lockForUsage: async ({ ids, customerIds }) => {
        const owned = await Promise.all(customerIds.map((customerId) => session.subscriptions.list({ customerId })));
        const all = [...ids, ...owned.flatMap((page) => page.items.map((subscription) => subscription.id))];
        const rows = await Promise.all([...new Set(all)].sort().map((id) => session.subscriptions.get(id)));
        return rows.filter((row): row is Subscription => row !== undefined);
      },
    },
  };
}

/** Which rules `check` fails, by name. */
async function failing(
  rules: typeof concurrencyRules,
  adapter: () => Promise<BillingStorageAdapter>,
): Promise<string[]> {
  const failed: string[] = [];
  for (const rule of rules) {
    const failure = await rule.check(await adapter()).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (failure !== undefined) failed.push(rule.name);
    if (storage !== undefined) await dropSchema(storage);
    storage = undefined;
  }
  return failed;
}

describeServer('the concurrency rules against adapters that lie (PostgreSQL)', () => {
  it('locks that lock nothing fail every rule that rests on a lock excluding someone', async () => {
    const concurrent = concurrencyRules.filter((rule) => rule.modes.includes('concurrent'));
    const failed = await failing(concurrent, async () => {
      storage = await postgresBackend.storage();
      const real = storage;
      return {
        ...real,
        transaction: <T>(work: (session: StorageSession) => Promise<T>) =>
          real.transaction((session) => work(withoutLocks(session))),
      };
    });
    expect(failed).toEqual([
      'a customer lock makes a second taker wait until the holder commits; the taker then reads what it committed',
      'a customer lock is released by a rollback: the waiting taker then sees nothing of the holder',
      'with skipLocked, customers another transaction holds are left out at once, and the free ones are locked',
      'a share lock makes claimDue skip the subscription at once, and an update of it wait until the lock ends',
      'a claimed subscription makes a share locker wait until the claim ends; it then reads the row the claim wrote',
      'an update lock is exclusive: claimDue skips the row, a share locker waits and then reads what it wrote',
      'subscriptions.lockForUsage takes share locks: claimDue skips the rows at once, another share lock does not wait, an update waits',
      'subscriptions.lockForUsage waits for a claimed subscription and then reads what the claim wrote',
    ]);
    // Left: the five rules of every adapter (shapes, refusals outside a transaction), and five no lock call could
    // break (share locks between themselves, skip-locked claims of subscriptions, invoices and outbox entries —
    // those are the claims' own row locks — and locks ending).
    expect(concurrent.length - failed.length).toBe(10);
  });

  it('transactions declared serial but run side by side fail the serial rule', async () => {
    const serial = concurrencyRules.filter(
      (rule) => rule.modes.includes('serial') && !rule.modes.includes('concurrent'),
    );
    expect(serial).toHaveLength(1);
    const failed = await failing(serial, async () => {
      storage = await postgresBackend.storage();
      return { ...storage, capabilities: { transactions: 'serial' } };
    });
    expect(failed).toEqual(serial.map((rule) => rule.name));
  });
});
