import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertSubscription } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { subscriptionKind } from './record-kinds';

/** Suite `subscriptions`: CRUD, the version rule, filters and `updateMany`. */
export function subscriptionsSuite(kit: KitContext): void {
  recordCases(kit, subscriptionKind);
  versionedCases(kit, subscriptionKind);

  it('list filters by customerId, by status, and by both', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    await insertSubscription(storage, { id: 'kit_sub_4', customerId: ann.id, status: 'active' });
    await insertSubscription(storage, { id: 'kit_sub_2', customerId: ann.id, status: 'canceled' });
    await insertSubscription(storage, { id: 'kit_sub_3', customerId: bob.id, status: 'active' });
    await insertSubscription(storage, { id: 'kit_sub_1', customerId: ann.id, status: 'active' });
    expect(idsOf(await storage.subscriptions.list({ customerId: ann.id }))).toEqual([
      'kit_sub_1',
      'kit_sub_2',
      'kit_sub_4',
    ]);
    expect(idsOf(await storage.subscriptions.list({ status: 'active' }))).toEqual([
      'kit_sub_1',
      'kit_sub_3',
      'kit_sub_4',
    ]);
    expect(idsOf(await storage.subscriptions.list({ customerId: ann.id, status: 'canceled' }))).toEqual(['kit_sub_2']);
    expect(idsOf(await storage.subscriptions.list({ customerId: bob.id, status: 'paused' }))).toEqual([]);
  });

  it('updateMany applies every update under the version rule', async () => {
    const storage = kit.storage();
    const a = await insertSubscription(storage);
    const b = await insertSubscription(storage);
    const nextA = { ...a, status: 'past_due' as const, version: 2 };
    const nextB = { ...b, nextBillingAt: '2026-03-15T10:00:00.000Z', version: 2 };
    await storage.subscriptions.updateMany([nextA, nextB]);
    expect(await storage.subscriptions.get(a.id)).toStrictEqual(nextA);
    expect(await storage.subscriptions.get(b.id)).toStrictEqual(nextB);
    await storage.subscriptions.updateMany([]);
  });

  it('updateMany with the changed fields named writes them, clears a removed one, and keeps the version rule', async () => {
    const storage = kit.storage();
    const a = await insertSubscription(storage, { trialEnd: '2026-02-01T00:00:00.000Z' });
    const b = await insertSubscription(storage);
    const { trialEnd: _ended, ...rest } = a;
    const nextA = { ...rest, status: 'active' as const, nextBillingAt: '2026-03-01T00:00:00.000Z', version: 2 };
    const nextB = { ...b, nextBillingAt: '2026-03-15T10:00:00.000Z', version: 2 };
    await storage.subscriptions.updateMany([nextA, nextB], ['status', 'nextBillingAt', 'trialEnd']);
    expect(await storage.subscriptions.get(a.id)).toStrictEqual(nextA);
    expect(await storage.subscriptions.get(b.id)).toStrictEqual(nextB);
    await expectBillingError(
      storage.subscriptions.updateMany([{ ...nextA, status: 'paused', version: 2 }], ['status']),
      'conflict',
    );
    expect(await storage.subscriptions.get(a.id)).toStrictEqual(nextA);
  });

  it('updateMany with a stale record throws conflict and does not apply the stale one', async () => {
    const storage = kit.storage();
    const a = await insertSubscription(storage);
    const b = await insertSubscription(storage);
    const bumped = { ...b, version: 2 };
    await storage.subscriptions.update(bumped);
    await expectBillingError(
      storage.subscriptions.updateMany([
        { ...a, status: 'paused', version: 2 },
        { ...b, status: 'paused', version: 2 },
      ]),
      'conflict',
    );
    expect(await storage.subscriptions.get(b.id)).toStrictEqual(bumped);
  });

  it('updateMany of an unknown id throws not_found', async () => {
    const storage = kit.storage();
    const ghost = await subscriptionKind.build(storage);
    await expectBillingError(storage.subscriptions.updateMany([{ ...ghost, version: 2 }]), 'not_found');
  });
}
