import { expect, it } from 'vitest';
import { idsOf } from '../assertions';
import type { KitContext } from '../kit-context';
import { insertCustomer } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { customerKind } from './record-kinds';

/** Suite `customers`: CRUD, the version rule and listing. */
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
}
