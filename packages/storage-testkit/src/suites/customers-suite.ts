import type { Customer } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
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

  it('list by email compares ASCII letters case-insensitively and pages by id', async () => {
    const storage = kit.storage();
    const ada = [
      await insertCustomer(storage, { id: 'kit_cus_4', email: 'ada@example.com' }),
      await insertCustomer(storage, { id: 'kit_cus_2', email: 'Ada@Example.COM' }),
      await insertCustomer(storage, { id: 'kit_cus_3', email: 'ADA@EXAMPLE.COM' }),
    ];
    await insertCustomer(storage, { id: 'kit_cus_1', email: 'grace@example.com' });
    await insertCustomer(storage, { id: 'kit_cus_5', email: 'ada@example.co' });
    const first = await storage.customers.list({ email: 'aDa@example.com', limit: 2 });
    expect(idsOf(first)).toEqual(['kit_cus_2', 'kit_cus_3']);
    expect(first.items[0]).toStrictEqual(ada[1]);
    const second = await storage.customers.list({ email: 'aDa@example.com', limit: 2, cursor: first.nextCursor });
    expect(idsOf(second)).toEqual(['kit_cus_4']);
    expect(second.nextCursor).toBeUndefined();
    expect((await storage.customers.list({ email: 'nobody@example.com' })).items).toEqual([]);
    expect(idsOf(await storage.customers.list({}))).toHaveLength(5);
  });

  it('getByExternalRef finds the customer (after updates too); externalRef is unique where set', async () => {
    const storage = kit.storage();
    const mapped = await insertCustomer(storage, { id: 'kit_cus_1', externalRef: 'crm-42' });
    await insertCustomer(storage, { id: 'kit_cus_2' });
    await insertCustomer(storage, { id: 'kit_cus_3' });
    expect(await storage.customers.getByExternalRef('crm-42')).toStrictEqual(mapped);
    expect(await storage.customers.getByExternalRef('CRM-42')).toBeUndefined();
    expect(await storage.customers.getByExternalRef('crm-4')).toBeUndefined();
    const taken = makeCustomer({ id: 'kit_cus_4', externalRef: 'crm-42' });
    await expectBillingError(storage.customers.insert(taken), 'conflict');
    expect(await storage.customers.get(taken.id)).toBeUndefined();
    const other = (await storage.customers.get('kit_cus_2')) as Customer;
    await expectBillingError(storage.customers.update({ ...other, externalRef: 'crm-42', version: 2 }), 'conflict');
    expect(await storage.customers.get(other.id)).toStrictEqual(other);
    const moved = { ...mapped, externalRef: 'crm-43', version: 2 };
    await storage.customers.update(moved);
    expect(await storage.customers.getByExternalRef('crm-43')).toStrictEqual(moved);
    expect(await storage.customers.getByExternalRef('crm-42')).toBeUndefined();
    await storage.customers.update({ ...other, externalRef: 'crm-42', version: 2 });
    expect((await storage.customers.getByExternalRef('crm-42'))?.id).toBe('kit_cus_2');
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
