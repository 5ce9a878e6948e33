import type { StorageSession } from '@billfold/core';
import { expect, it } from 'vitest';
import { idsOf, readAll } from '../assertions';
import { makeCustomer } from '../builders/customer';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice } from './parents';
import {
  balanceTransactionKind,
  couponKind,
  creditNoteKind,
  customerKind,
  invoiceKind,
  meterKind,
  paymentKind,
  priceKind,
  productKind,
  type RecordKind,
  refundKind,
  subscriptionKind,
  taxRateKind,
} from './record-kinds';

/** Stores customers with these ids, in this order. */
async function insertCustomers(session: StorageSession, ids: readonly string[]): Promise<void> {
  for (const id of ids) await session.customers.insert(makeCustomer({ id }));
}

/** `kit_p_00` … as many as asked, in a scrambled order. */
function scrambledIds(count: number): string[] {
  const ids = Array.from({ length: count }, (_, index) => `kit_p_${String(index).padStart(3, '0')}`);
  return ids.map((_, index) => ids[(index * 7) % count] as string);
}

/** Checks that `list` of this kind pages with limit and cursor. */
function pagesKind<T extends { readonly id: string }>(kit: KitContext, kind: RecordKind<T>): void {
  it(`${kind.entity} list pages with limit and cursor`, async () => {
    const storage = kit.storage();
    const first = await kind.build(storage, { id: 'kit_page_2' } as Partial<T>);
    const filter = kind.listFilter?.(first) ?? {};
    await kind.repository(storage).insert(first);
    for (const id of ['kit_page_3', 'kit_page_1']) {
      await kind.repository(storage).insert(await kind.build(storage, { ...filter, id } as Partial<T>));
    }
    const { items, pages } = await readAll(
      (cursor) => kind.repository(storage).list({ ...filter, limit: 2, cursor }),
      2,
    );
    expect(items.map((item) => item.id)).toEqual(['kit_page_1', 'kit_page_2', 'kit_page_3']);
    expect(pages.map((page) => page.items.length)).toEqual([2, 1]);
  });
}

/** Suite `paging`: ascending id, limit, cursors, stability while rows are added. */
export function pagingSuite(kit: KitContext): void {
  it('reads every record once, in ascending id order, `limit` per page, no cursor on the last page', async () => {
    const storage = kit.storage();
    const ids = scrambledIds(25);
    await insertCustomers(storage, ids);
    const { items, pages } = await readAll((cursor) => storage.customers.list({ limit: 7, cursor }), 7);
    expect(items.map((item) => item.id)).toEqual([...ids].sort());
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7, 4]);
  });

  it('a page that ends exactly at the last record carries no cursor', async () => {
    const storage = kit.storage();
    await insertCustomers(storage, scrambledIds(10));
    const { pages } = await readAll((cursor) => storage.customers.list({ limit: 5, cursor }), 5);
    expect(pages.map((page) => page.items.length)).toEqual([5, 5]);
    const all = await storage.customers.list({ limit: 10 });
    expect(all.items).toHaveLength(10);
    expect(all.nextCursor).toBeUndefined();
  });

  it('an empty list is one empty page without a cursor', async () => {
    const page = await kit.storage().customers.list({ limit: 5 });
    expect(page.items).toEqual([]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('limit defaults to 100', async () => {
    const storage = kit.storage();
    await insertCustomers(storage, scrambledIds(101));
    const first = await storage.customers.list({});
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toBeDefined();
    const rest = await storage.customers.list({ cursor: first.nextCursor });
    expect(idsOf(rest)).toEqual(['kit_p_100']);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('stays stable while records are inserted between pages: no duplicates, no gaps', async () => {
    const storage = kit.storage();
    await insertCustomers(storage, ['kit_s_40', 'kit_s_10', 'kit_s_30', 'kit_s_60', 'kit_s_20', 'kit_s_50']);
    const first = await storage.customers.list({ limit: 3 });
    expect(idsOf(first)).toEqual(['kit_s_10', 'kit_s_20', 'kit_s_30']);
    // One record before the cursor (not seen: already paged past), two after it (seen in order).
    await insertCustomers(storage, ['kit_s_15', 'kit_s_35', 'kit_s_99']);
    const second = await storage.customers.list({ limit: 3, cursor: first.nextCursor });
    expect(idsOf(second)).toEqual(['kit_s_35', 'kit_s_40', 'kit_s_50']);
    await insertCustomers(storage, ['kit_s_45', 'kit_s_55']);
    const third = await storage.customers.list({ limit: 3, cursor: second.nextCursor });
    expect(idsOf(third)).toEqual(['kit_s_55', 'kit_s_60', 'kit_s_99']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('an update between pages does not move the record or repeat it', async () => {
    const storage = kit.storage();
    await insertCustomers(storage, ['kit_u_1', 'kit_u_2', 'kit_u_3', 'kit_u_4']);
    const first = await storage.customers.list({ limit: 2 });
    const updated = { ...(first.items[0] as (typeof first.items)[number]), name: 'Updated', version: 2 };
    await storage.customers.update(updated);
    const second = await storage.customers.list({ limit: 2, cursor: first.nextCursor });
    expect(idsOf(second)).toEqual(['kit_u_3', 'kit_u_4']);
  });

  it('filtered lists page over the matching records only', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    for (let index = 0; index < 9; index++) {
      const customerId = index % 3 === 0 ? ann.id : bob.id;
      await insertInvoice(storage, { id: `kit_f_${index}`, customerId });
    }
    const { items, pages } = await readAll(
      (cursor) => storage.invoices.list({ customerId: ann.id, limit: 2, cursor }),
      2,
    );
    expect(items.map((item) => item.id)).toEqual(['kit_f_0', 'kit_f_3', 'kit_f_6']);
    expect(pages.map((page) => page.items.length)).toEqual([2, 1]);
  });

  pagesKind(kit, customerKind);
  pagesKind(kit, productKind);
  pagesKind(kit, priceKind);
  pagesKind(kit, meterKind);
  pagesKind(kit, couponKind);
  pagesKind(kit, taxRateKind);
  pagesKind(kit, subscriptionKind);
  pagesKind(kit, invoiceKind);
  pagesKind(kit, creditNoteKind);
  pagesKind(kit, paymentKind);
  pagesKind(kit, refundKind);
  pagesKind(kit, balanceTransactionKind);
}
