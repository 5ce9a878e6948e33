import type { StorageSession } from '@billfold/core';
import { expect, it } from 'vitest';
import type { KitContext } from '../kit-context';
import { deferred, within } from '../timing';
import { insertCustomer, insertSubscription } from './parents';

const NOW = '2026-02-10T00:00:00.000Z';

async function fiveDue(session: StorageSession): Promise<string[]> {
  const customer = await insertCustomer(session);
  const ids = ['kit_sub_1', 'kit_sub_2', 'kit_sub_3', 'kit_sub_4', 'kit_sub_5'];
  for (const [index, id] of ids.entries()) {
    await insertSubscription(session, {
      id,
      customerId: customer.id,
      nextBillingAt: `2026-01-0${index + 1}T00:00:00.000Z`,
    });
  }
  return ids;
}

/** Suite `rowLocks`: with `capabilities.rowLocks`, transactions claim side by side without waiting. */
export function rowLocksSuite(kit: KitContext): void {
  it('the adapter declares capabilities.rowLocks (otherwise skip this suite, stating why)', () => {
    expect(kit.storage().capabilities.rowLocks).toBe(true);
  });

  it('a transaction claims past the rows another open transaction holds, without waiting for it', async () => {
    const storage = kit.storage();
    const due = await fiveDue(storage);
    const claimed = deferred<string[]>();
    const release = deferred();
    const first = storage.transaction(async (session) => {
      const mine = (await session.subscriptions.claimDue({ now: NOW, limit: 2 })).map((s) => s.id);
      claimed.resolve(mine);
      await release.promise;
      return mine;
    });
    const firstIds = await Promise.race([claimed.promise, first]);
    const second = storage.transaction(async (session) =>
      (await session.subscriptions.claimDue({ now: NOW, limit: 10 })).map((s) => s.id),
    );
    const secondIds = await within(second, 3000);
    release.resolve();
    await first;
    if (secondIds === 'timeout') {
      await second;
      expect.fail('the second claim waited for the first transaction: locked rows must be skipped, not waited for');
    }
    expect(firstIds).toEqual(['kit_sub_1', 'kit_sub_2']);
    expect(secondIds).toEqual(['kit_sub_3', 'kit_sub_4', 'kit_sub_5']);
    expect([...firstIds, ...secondIds].sort()).toEqual(due);
  });

  it('locks end with their transaction, committed or rolled back', async () => {
    const storage = kit.storage();
    const due = await fiveDue(storage);
    const claim = (session: StorageSession) => session.subscriptions.claimDue({ now: NOW, limit: 10 });
    expect((await storage.transaction(claim)).map((s) => s.id)).toEqual(due);
    await expect(
      storage.transaction(async (session) => {
        await claim(session);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await storage.transaction(claim)).map((s) => s.id)).toEqual(due);
  });
}
