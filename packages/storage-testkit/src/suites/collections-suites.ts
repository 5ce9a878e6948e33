import type { OutboxEntry } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makeCollectionFee, makeOutboxEntry } from '../builders/collections';
import { makeInvoice } from '../builders/invoice';
import type { KitContext } from '../kit-context';
import { claimCases } from './claim-cases';
import { insertCustomer, insertInvoice } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { collectionFeeKind, outboxEntryKind } from './record-kinds';

/** Suite `outbox`: CRUD, the version rule, the unique dedupe key, filters, and claiming pending entries. */
export function outboxSuite(kit: KitContext): void {
  recordCases(kit, outboxEntryKind);
  versionedCases(kit, outboxEntryKind);

  it('refuses a second entry with the same dedupe key (conflict), and insertMany writes all or none', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const first = makeOutboxEntry({ customerId: customer.id, dedupeKey: 'invoice.reminder/inv_1/step-2' });
    await storage.outbox.insert(first);
    const twin = makeOutboxEntry({ customerId: customer.id, dedupeKey: first.dedupeKey });
    await expectBillingError(storage.outbox.insert(twin), 'conflict');
    const fresh = makeOutboxEntry({ customerId: customer.id });
    await expectBillingError(storage.outbox.insertMany([fresh, twin]), 'conflict');
    expect(await storage.outbox.get(fresh.id)).toBeUndefined();
    await storage.outbox.insertMany([fresh]);
    expect(await storage.outbox.get(fresh.id)).toStrictEqual(fresh);
  });

  it('updateMany writes every entry under the version rule, or none', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const [a, b] = [makeOutboxEntry({ customerId: customer.id }), makeOutboxEntry({ customerId: customer.id })];
    await storage.outbox.insertMany([a, b]);
    const delivered = (entry: OutboxEntry, version: number): OutboxEntry => ({
      ...entry,
      status: 'delivered',
      deliveredAt: '2026-01-15T10:00:01.000Z',
      version,
    });
    await expectBillingError(storage.outbox.updateMany([delivered(a, 2), delivered(b, 3)]), 'conflict');
    expect(await storage.outbox.get(a.id)).toStrictEqual(a);
    await storage.outbox.updateMany([delivered(a, 2), delivered(b, 2)]);
    expect(await storage.outbox.get(b.id)).toStrictEqual(delivered(b, 2));
  });

  it('list filters by status and by customerId', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    await storage.outbox.insertMany([
      makeOutboxEntry({ id: 'kit_ntf_3', customerId: ann.id, status: 'dead' }),
      makeOutboxEntry({ id: 'kit_ntf_1', customerId: bob.id }),
      makeOutboxEntry({ id: 'kit_ntf_2', customerId: ann.id }),
    ]);
    expect(idsOf(await storage.outbox.list({ customerId: ann.id }))).toEqual(['kit_ntf_2', 'kit_ntf_3']);
    expect(idsOf(await storage.outbox.list({ status: 'pending' }))).toEqual(['kit_ntf_1', 'kit_ntf_2']);
    expect(idsOf(await storage.outbox.list({ status: 'dead', customerId: bob.id }))).toEqual([]);
  });

  claimCases(kit, {
    name: 'outbox.claimDue',
    store: async (storage, rows) => {
      const customer = await insertCustomer(storage);
      for (const [id, due] of rows) {
        await storage.outbox.insert(
          makeOutboxEntry({
            id,
            customerId: customer.id,
            ...(due === undefined
              ? { status: 'delivered', deliveredAt: '2026-01-01T00:00:00.000Z' }
              : { nextAttemptAt: due }),
          }),
        );
      }
    },
    claim: (session, query) => session.outbox.claimDue(query),
    advance: async (session, id) => {
      const entry = (await session.outbox.get(id)) as OutboxEntry;
      await session.outbox.update({ ...entry, nextAttemptAt: '2026-03-10T00:00:00.000Z', version: entry.version + 1 });
    },
  });

  it('outbox.claimDue among given ids claims only those of them that are due', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const later = '2026-03-01T00:00:00.000Z';
    await storage.outbox.insertMany([
      makeOutboxEntry({ id: 'kit_ntf_a', customerId: customer.id }),
      makeOutboxEntry({ id: 'kit_ntf_b', customerId: customer.id }),
      makeOutboxEntry({ id: 'kit_ntf_c', customerId: customer.id, nextAttemptAt: later }),
    ]);
    const claimed = await storage.transaction((session) =>
      session.outbox.claimDue({
        now: '2026-02-01T00:00:00.000Z',
        limit: 10,
        ids: ['kit_ntf_c', 'kit_ntf_b', 'kit_ntf_b'],
      }),
    );
    expect(idsOf({ items: claimed })).toEqual(['kit_ntf_b']);
  });
}

/** Suite `collectionFees`: CRUD, the version rule, the unique (invoice, key), filters and the batch read. */
export function collectionFeesSuite(kit: KitContext): void {
  recordCases(kit, collectionFeeKind);
  versionedCases(kit, collectionFeeKind);

  it('refuses the same key twice for one invoice (conflict), all or none, and takes it for another invoice', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const overdue = await insertInvoice(storage, { customerId: customer.id });
    const other = await insertInvoice(storage, { customerId: customer.id });
    const fee = makeCollectionFee({ customerId: customer.id, invoiceId: overdue.id, key: 'interest/2026-03-16' });
    await storage.collectionFees.insert(fee);
    const again = makeCollectionFee({ customerId: customer.id, invoiceId: overdue.id, key: fee.key });
    await expectBillingError(storage.collectionFees.insert(again), 'conflict');
    const elsewhere = makeCollectionFee({ customerId: customer.id, invoiceId: other.id, key: fee.key });
    await expectBillingError(storage.collectionFees.insertMany([elsewhere, again]), 'conflict');
    expect(await storage.collectionFees.get(elsewhere.id)).toBeUndefined();
    await storage.collectionFees.insertMany([elsewhere]);
    expect(await storage.collectionFees.get(elsewhere.id)).toStrictEqual(elsewhere);
  });

  it('list filters by customerId and invoiceId; listForInvoices reads the fees of many invoices at once', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const [a, b, c] = [
      await insertInvoice(storage, { customerId: ann.id }),
      await insertInvoice(storage, { customerId: ann.id }),
      await insertInvoice(storage, { customerId: bob.id }),
    ];
    await storage.collectionFees.insertMany([
      makeCollectionFee({ id: 'kit_fee_2', customerId: ann.id, invoiceId: a.id, key: 'reminder/3' }),
      makeCollectionFee({
        id: 'kit_fee_1',
        customerId: ann.id,
        invoiceId: a.id,
        key: 'compensation',
        kind: 'compensation',
      }),
      makeCollectionFee({ id: 'kit_fee_3', customerId: ann.id, invoiceId: b.id }),
      makeCollectionFee({ id: 'kit_fee_4', customerId: bob.id, invoiceId: c.id }),
    ]);
    expect(idsOf(await storage.collectionFees.list({ invoiceId: a.id }))).toEqual(['kit_fee_1', 'kit_fee_2']);
    expect(idsOf(await storage.collectionFees.list({ customerId: ann.id }))).toEqual([
      'kit_fee_1',
      'kit_fee_2',
      'kit_fee_3',
    ]);
    const read = await storage.collectionFees.listForInvoices([a.id, c.id, a.id, 'kit_no_invoice']);
    expect(read.map((fee) => fee.id).sort()).toEqual(['kit_fee_1', 'kit_fee_2', 'kit_fee_4']);
    expect(await storage.collectionFees.listForInvoices([])).toEqual([]);
  });
}

/** Suite `collectible`: open invoices due for collections, claimed like due subscriptions; and updateMany. */
export function collectibleSuite(kit: KitContext): void {
  claimCases(kit, {
    name: 'invoices.claimCollectible',
    store: async (storage, rows) => {
      const customer = await insertCustomer(storage);
      for (const [id, due] of rows) {
        // Never due: a paid invoice keeps its collectionsDueAt, but only open invoices are collected.
        await storage.invoices.insert(
          makeInvoice({
            id,
            customerId: customer.id,
            status: due === undefined ? 'paid' : 'open',
            collectionsDueAt: due ?? '2026-01-01T00:00:00.000Z',
          }),
        );
      }
    },
    claim: (session, query) => session.invoices.claimCollectible(query),
    advance: async (session, id) => {
      const invoice = await session.invoices.get(id);
      if (invoice === undefined) throw new Error(`kit: invoice ${id} is gone`);
      await session.invoices.update({
        ...invoice,
        collectionsDueAt: '2026-03-10T00:00:00.000Z',
        version: invoice.version + 1,
      });
    },
  });

  it('follows updates: a paid invoice or one with nothing planned is not collected', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const due = '2026-01-01T00:00:00.000Z';
    const [a, b] = [
      makeInvoice({ id: 'kit_col_a', customerId: customer.id, status: 'open', collectionsDueAt: due }),
      makeInvoice({ id: 'kit_col_b', customerId: customer.id, status: 'open', collectionsDueAt: due }),
    ];
    await storage.invoices.insertMany([
      a,
      b,
      makeInvoice({ id: 'kit_col_c', customerId: customer.id, status: 'open' }),
    ]);
    const { collectionsDueAt: _planned, ...nothingPlanned } = b;
    await storage.invoices.updateMany([
      { ...a, status: 'paid', paidAt: '2026-01-02T00:00:00.000Z', amountRemaining: '0.00', version: 2 },
      { ...nothingPlanned, version: 2 },
    ]);
    const claimed = await storage.transaction((session) =>
      session.invoices.claimCollectible({ now: '2026-02-01T00:00:00.000Z', limit: 10 }),
    );
    expect(claimed).toEqual([]);
    await expectBillingError(storage.invoices.updateMany([{ ...a, version: 2 }]), 'conflict');
  });
}
