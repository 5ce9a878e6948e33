import { expect, it } from 'vitest';
import { idsOf } from '../assertions';
import type { KitContext } from '../kit-context';
import { makeCustomer } from '../builders/customer';
import { insertCustomer } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { customerKind } from './record-kinds';

/** Suite `customers`: CRUD, the version rule, listing and the batched `getMany`. */
export function customersSuite(kit: KitContext): void {
  recordCases(kit, customerKind);
  versionedCases(kit, customerKind);

  it('an update keeps the customer in its place in the list', async () => {
    const storage = kit.storage();
    const customers = [
      await insertCustomer(storage, { id: 'kit_cus_1' }),
      await insertCustomer(storage, { id: 'kit_cus_2' }),
      await insertCustomer(storage, { id: 'kit_cus_3' }),
    ];
    const middle = customers[1] as (typeof customers)[number];
    const changed = { ...middle, name: 'Zed', version: 2 };
    await storage.customers.update(changed);
    const page = await storage.customers.list({});
    expect(idsOf(page)).toEqual(['kit_cus_1', 'kit_cus_2', 'kit_cus_3']);
    expect(page.items[1]).toStrictEqual(changed);
  });

  it('getMany returns each customer found once, field for field, leaving unknown ids out', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage, {
      id: 'kit_cus_b',
      address: { line1: '1 Main St', city: 'Berlin', country: 'DE' },
    });
    const bob = await insertCustomer(storage, { id: 'kit_cus_a' });
    await insertCustomer(storage, { id: 'kit_cus_c' });
    const found = await storage.customers.getMany(['kit_cus_b', 'kit_no_such_id', 'kit_cus_a', 'kit_cus_b']);
    // The contract leaves the order open: compare by id.
    expect([...found].sort((x, y) => (x.id < y.id ? -1 : 1))).toStrictEqual([bob, ann]);
    expect(await storage.customers.getMany([])).toEqual([]);
    expect(await storage.customers.getMany(['kit_no_such_id'])).toEqual([]);
  });

  it('getMany takes more ids than a page holds, and sees a transaction’s own writes', async () => {
    const storage = kit.storage();
    const stored = await insertCustomer(storage, { id: 'kit_cus_0750' });
    const ids = Array.from({ length: 1500 }, (_, i) => `kit_cus_${String(i).padStart(4, '0')}`);
    expect(await storage.customers.getMany(ids)).toStrictEqual([stored]);
    const inserted = makeCustomer({ id: 'kit_cus_1499' });
    await storage.transaction(async (tx) => {
      await tx.customers.insert(inserted);
      const both = await tx.customers.getMany(ids);
      expect(both.map((c) => c.id).sort()).toEqual(['kit_cus_0750', 'kit_cus_1499']);
    });
  });

  it('getMany hands out copies', async () => {
    const storage = kit.storage();
    const stored = await insertCustomer(storage);
    const [first] = await storage.customers.getMany([stored.id]);
    (first as { name: string }).name = 'Scribbled';
    (first as { taxIds: unknown[] }).taxIds.push({ type: 'eu_vat', value: 'DE1' });
    expect(await storage.customers.getMany([stored.id])).toStrictEqual([stored]);
  });
}
