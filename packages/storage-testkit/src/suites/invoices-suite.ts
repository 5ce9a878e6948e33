import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makeInvoice } from '../builders/invoice';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice, insertSubscription } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { invoiceKind } from './record-kinds';

/** Suite `invoices`: CRUD, the version rule, filters, `insertMany` and the uniqueness rules. */
export function invoicesSuite(kit: KitContext): void {
  recordCases(kit, invoiceKind);
  versionedCases(kit, invoiceKind);

  it('list filters by customerId, subscriptionId and status, and by several at once', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const sub = await insertSubscription(storage, { customerId: ann.id });
    await insertInvoice(storage, { id: 'kit_inv_5', customerId: ann.id, subscriptionId: sub.id, status: 'open' });
    await insertInvoice(storage, { id: 'kit_inv_4', customerId: bob.id, status: 'open' });
    await insertInvoice(storage, { id: 'kit_inv_3', customerId: ann.id, status: 'paid' });
    await insertInvoice(storage, { id: 'kit_inv_2', customerId: ann.id, subscriptionId: sub.id, status: 'draft' });
    await insertInvoice(storage, { id: 'kit_inv_1', customerId: bob.id, status: 'void' });
    const ids = async (filter: Parameters<typeof storage.invoices.list>[0]) =>
      idsOf(await storage.invoices.list(filter));
    expect(await ids({ customerId: ann.id })).toEqual(['kit_inv_2', 'kit_inv_3', 'kit_inv_5']);
    expect(await ids({ subscriptionId: sub.id })).toEqual(['kit_inv_2', 'kit_inv_5']);
    expect(await ids({ status: 'open' })).toEqual(['kit_inv_4', 'kit_inv_5']);
    expect(await ids({ customerId: ann.id, status: 'open' })).toEqual(['kit_inv_5']);
    expect(await ids({ customerId: bob.id, subscriptionId: sub.id })).toEqual([]);
    expect(await ids({})).toEqual(['kit_inv_1', 'kit_inv_2', 'kit_inv_3', 'kit_inv_4', 'kit_inv_5']);
  });

  it('list with dueBefore returns invoices due before it, never those without dueAt', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const on = (id: string, dueAt: string | undefined, status: 'open' | 'paid') =>
      insertInvoice(storage, { id, customerId: customer.id, status, ...(dueAt === undefined ? {} : { dueAt }) });
    await on('kit_inv_a', '2026-01-31T00:00:00.000Z', 'open');
    await on('kit_inv_b', '2026-02-28T00:00:00.000Z', 'open');
    await on('kit_inv_c', '2026-01-01T00:00:00.000Z', 'paid');
    await on('kit_inv_d', undefined, 'open');
    const before = '2026-02-15T00:00:00.000Z';
    expect(idsOf(await storage.invoices.list({ dueBefore: before }))).toEqual(['kit_inv_a', 'kit_inv_c']);
    expect(idsOf(await storage.invoices.list({ dueBefore: before, status: 'open' }))).toEqual(['kit_inv_a']);
    expect(idsOf(await storage.invoices.list({ dueBefore: '2026-12-31T00:00:00.000Z' }))).toEqual([
      'kit_inv_a',
      'kit_inv_b',
      'kit_inv_c',
    ]);
  });

  it('insertMany stores every invoice', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoices = [1, 2, 3].map(() => makeInvoice({ customerId: customer.id }));
    await storage.invoices.insertMany(invoices);
    for (const invoice of invoices) expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
    await storage.invoices.insertMany([]);
  });

  it('insertMany is all or none: one existing id stores none of the batch', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const existing = await insertInvoice(storage, { customerId: customer.id });
    const fresh = [makeInvoice({ customerId: customer.id }), makeInvoice({ customerId: customer.id })];
    const [first, second] = fresh as [typeof existing, typeof existing];
    await expectBillingError(storage.invoices.insertMany([first, { ...existing, total: '1.00' }, second]), 'conflict');
    expect(await storage.invoices.get(first.id)).toBeUndefined();
    expect(await storage.invoices.get(second.id)).toBeUndefined();
    expect(await storage.invoices.get(existing.id)).toStrictEqual(existing);
  });

  it('insertMany with the same id twice in the batch throws conflict and stores none', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = makeInvoice({ customerId: customer.id });
    await expectBillingError(storage.invoices.insertMany([invoice, { ...invoice, total: '2.00' }]), 'conflict');
    expect(await storage.invoices.get(invoice.id)).toBeUndefined();
  });

  it('(sequence, number) is unique once numbered; drafts without a number never clash', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const numbered = {
      customerId: customer.id,
      status: 'open' as const,
      sequence: 'INV-2026',
      number: 'INV-2026-000001',
    };
    const first = await insertInvoice(storage, numbered);
    const clash = makeInvoice(numbered);
    await expectBillingError(storage.invoices.insert(clash), 'conflict');
    expect(await storage.invoices.get(clash.id)).toBeUndefined();
    await insertInvoice(storage, { ...numbered, sequence: 'CRN-2026' });
    await insertInvoice(storage, { customerId: customer.id, sequence: 'INV-2026' });
    await insertInvoice(storage, { customerId: customer.id, sequence: 'INV-2026' });
    expect(await storage.invoices.get(first.id)).toStrictEqual(first);
  });

  it('getByNumber finds a numbered invoice field for field, after an update too, and the lowest id on a tie', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const open = await insertInvoice(storage, {
      id: 'kit_inv_b',
      customerId: customer.id,
      status: 'open',
      sequence: 'INV-2026',
      number: 'INV-2026-000042',
    });
    await insertInvoice(storage, { customerId: customer.id, sequence: 'INV-2026' });
    expect(await storage.invoices.getByNumber('INV-2026-000042')).toStrictEqual(open);
    expect(await storage.invoices.getByNumber('INV-2026-000043')).toBeUndefined();
    expect(await storage.invoices.getByNumber('inv-2026-000042')).toBeUndefined();
    const draft = await insertInvoice(storage, { customerId: customer.id, sequence: 'INV-2026' });
    const finalized = { ...draft, status: 'open' as const, number: 'INV-2026-000043', version: 2 };
    await storage.invoices.update(finalized);
    expect(await storage.invoices.getByNumber('INV-2026-000043')).toStrictEqual(finalized);
    // The same text in another sequence (the engine never makes it): the lowest id.
    await insertInvoice(storage, { ...open, id: 'kit_inv_c', sequence: 'OTHER' });
    await insertInvoice(storage, { ...open, id: 'kit_inv_a', sequence: 'THIRD' });
    expect((await storage.invoices.getByNumber('INV-2026-000042'))?.id).toBe('kit_inv_a');
  });

  it('an update that takes another invoice’s number throws conflict and keeps the draft', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    await insertInvoice(storage, { customerId: customer.id, status: 'open', sequence: 'INV', number: 'INV-7' });
    const draft = await insertInvoice(storage, { customerId: customer.id, sequence: 'INV' });
    await expectBillingError(
      storage.invoices.update({ ...draft, status: 'open', number: 'INV-7', version: 2 }),
      'conflict',
    );
    expect(await storage.invoices.get(draft.id)).toStrictEqual(draft);
    const finalized = { ...draft, status: 'open' as const, number: 'INV-8', version: 2 };
    await storage.invoices.update(finalized);
    expect(await storage.invoices.get(draft.id)).toStrictEqual(finalized);
  });

  it('(subscriptionId, periodStart) is unique for subscription_create and subscription_cycle invoices', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const period = { customerId: sub.customerId, subscriptionId: sub.id, periodStart: '2026-02-01T00:00:00.000Z' };
    for (const billingReason of ['subscription_cycle', 'subscription_create'] as const) {
      const start = `2026-0${billingReason === 'subscription_cycle' ? 3 : 4}-01T00:00:00.000Z`;
      await insertInvoice(storage, { ...period, periodStart: start, billingReason });
      const twin = makeInvoice({ ...period, periodStart: start, billingReason });
      await expectBillingError(storage.invoices.insert(twin), 'conflict');
      expect(await storage.invoices.get(twin.id)).toBeUndefined();
    }
    await insertInvoice(storage, { ...period, billingReason: 'subscription_cycle' });
    await insertInvoice(storage, {
      ...period,
      billingReason: 'subscription_cycle',
      periodStart: '2026-05-01T00:00:00.000Z',
    });
  });

  it('subscription_update and manual invoices may share a subscription and period start', async () => {
    const storage = kit.storage();
    const sub = await insertSubscription(storage);
    const period = { customerId: sub.customerId, subscriptionId: sub.id, periodStart: '2026-02-01T00:00:00.000Z' };
    await insertInvoice(storage, { ...period, billingReason: 'subscription_cycle' });
    await insertInvoice(storage, { ...period, billingReason: 'subscription_update' });
    await insertInvoice(storage, { ...period, billingReason: 'subscription_update' });
    await insertInvoice(storage, { ...period, billingReason: 'manual' });
    await insertInvoice(storage, { ...period, billingReason: 'manual' });
    expect((await storage.invoices.list({ subscriptionId: sub.id })).items).toHaveLength(5);
  });
}
