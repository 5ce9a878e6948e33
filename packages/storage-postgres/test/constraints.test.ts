import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PostgresStorage } from '../src/index';
import { type Backend, describeBackends, dropSchema } from './support/backends';
import { expectBillingError } from './support/expect-billing-error';
import { customer, invoice, product, subscription, usageEvent } from './support/records';

/** The unique keys and the version rule hold in SQL, and their violations are `conflict` / `not_found`. */
describeBackends('constraints', (backend: Backend) => {
  let storage: PostgresStorage;
  beforeEach(async () => {
    storage = await backend.storage();
  });
  afterEach(() => dropSchema(storage));

  it('refuses a second record with the same id, keeping the first', async () => {
    const first = customer();
    await storage.customers.insert(first);
    await expectBillingError(storage.customers.insert({ ...first, name: 'Other' }), 'conflict');
    expect(await storage.customers.get(first.id)).toStrictEqual(first);
  });

  it('refuses a second product with the same billing code', async () => {
    await storage.products.insert(product({ billingCode: 'INT-100M' }));
    await expectBillingError(storage.products.insert(product({ billingCode: 'INT-100M' })), 'conflict');
    expect((await storage.products.list({})).items).toHaveLength(1);
  });

  it('refuses a second invoice number in a sequence, on insert and on update', async () => {
    await storage.invoices.insert(invoice({ sequence: 'INV', number: 'INV-1' }));
    await storage.invoices.insert(invoice({ sequence: 'CRN', number: 'INV-1' }));
    await expectBillingError(storage.invoices.insert(invoice({ sequence: 'INV', number: 'INV-1' })), 'conflict');
    const draft = invoice({ sequence: 'INV' });
    await storage.invoices.insert(draft);
    await expectBillingError(storage.invoices.update({ ...draft, number: 'INV-1', version: 2 }), 'conflict');
    expect(await storage.invoices.get(draft.id)).toStrictEqual(draft);
  });

  it('allows one create/cycle invoice per subscription period, other reasons freely', async () => {
    const period = { subscriptionId: 'sub_p', periodStart: '2026-02-01T00:00:00.000Z' };
    await storage.invoices.insert(invoice({ ...period, billingReason: 'subscription_cycle' }));
    await expectBillingError(
      storage.invoices.insert(invoice({ ...period, billingReason: 'subscription_create' })),
      'conflict',
    );
    await storage.invoices.insert(invoice({ ...period, billingReason: 'subscription_update' }));
    await storage.invoices.insert(invoice({ ...period, billingReason: 'manual' }));
    await storage.invoices.insert(
      invoice({ ...period, billingReason: 'subscription_cycle', periodStart: '2026-03-01T00:00:00.000Z' }),
    );
    expect((await storage.invoices.list({ subscriptionId: 'sub_p' })).items).toHaveLength(4);
  });

  it('refuses text PostgreSQL cannot store (U+0000) as invalid_input, storing nothing', async () => {
    const withNul = customer({ name: 'Ada\u0000Lovelace' });
    await expectBillingError(storage.customers.insert(withNul), 'invalid_input');
    expect(await storage.customers.get(withNul.id)).toBeUndefined();
    const inMetadata = customer({ metadata: { note: 'a\u0000b' } });
    await expectBillingError(storage.customers.insert(inMetadata), 'invalid_input');
    expect(await storage.customers.get(inMetadata.id)).toBeUndefined();
  });

  it('insertMany stores all or none', async () => {
    const existing = invoice();
    await storage.invoices.insert(existing);
    const batch = [invoice(), invoice(), { ...existing, total: '1.00' }];
    await expectBillingError(storage.invoices.insertMany(batch), 'conflict');
    expect(await storage.invoices.get((batch[0] as { id: string }).id)).toBeUndefined();
    const twice = invoice();
    await expectBillingError(storage.invoices.insertMany([twice, { ...twice }]), 'conflict');
    expect(await storage.invoices.get(twice.id)).toBeUndefined();
  });

  it('updates only from the previous version: conflict when stale, not_found when missing', async () => {
    const record = customer();
    await storage.customers.insert(record);
    await expectBillingError(storage.customers.update({ ...record, version: 1 }), 'conflict');
    await expectBillingError(storage.customers.update({ ...record, version: 3 }), 'conflict');
    await expectBillingError(storage.customers.update({ ...customer(), version: 2 }), 'not_found');
    await storage.customers.update({ ...record, name: 'Renamed', version: 2 });
    await expectBillingError(storage.customers.update({ ...record, name: 'Lost update', version: 2 }), 'conflict');
    expect((await storage.customers.get(record.id))?.name).toBe('Renamed');
  });

  it('updateMany writes all or none, naming the first refused record', async () => {
    const [a, b, c] = [subscription(), subscription(), subscription()];
    await storage.subscriptions.insert(a);
    await storage.subscriptions.insert(b);
    await storage.subscriptions.insert(c);
    const stale = storage.subscriptions.updateMany([
      { ...a, status: 'canceled', version: 2 },
      { ...b, status: 'canceled', version: 3 },
    ]);
    expect((await expectBillingError(stale, 'conflict')).message).toContain(b.id);
    await expectBillingError(
      storage.subscriptions.updateMany([
        { ...c, version: 2 },
        { ...subscription(), version: 2 },
      ]),
      'not_found',
    );
    await expectBillingError(
      storage.subscriptions.updateMany([
        { ...c, version: 2 },
        { ...c, version: 2 },
      ]),
      'conflict',
    );
    expect(await storage.subscriptions.get(a.id)).toStrictEqual(a);
    expect(await storage.subscriptions.get(c.id)).toStrictEqual(c);
    await storage.subscriptions.updateMany([a, b, c].map((s) => ({ ...s, status: 'past_due' as const, version: 2 })));
    expect((await storage.subscriptions.list({ status: 'past_due' })).items).toHaveLength(3);
  });

  it('a conflict inside a transaction leaves it usable (the engine may catch it and go on)', async () => {
    const existing = customer();
    await storage.customers.insert(existing);
    const numbered = invoice({ number: 'INV-9' });
    await storage.invoices.insert(numbered);
    const draft = invoice();
    await storage.invoices.insert(draft);
    const fresh = customer();
    await storage.transaction(async (tx) => {
      await expectBillingError(tx.customers.insert(existing), 'conflict');
      await expectBillingError(tx.invoices.update({ ...draft, number: 'INV-9', version: 2 }), 'conflict');
      await expectBillingError(tx.invoices.insertMany([invoice(), { ...numbered }]), 'conflict');
      await expectBillingError(tx.customers.update({ ...existing, version: 5 }), 'conflict');
      const key = { key: 'payments.record:k', requestHash: 'h', response: null, createdAt: existing.createdAt };
      await tx.idempotency.put(key);
      await expectBillingError(tx.idempotency.put({ ...key, requestHash: 'h2', response: { paid: true } }), 'conflict');
      await tx.customers.insert(fresh);
    });
    expect(await storage.customers.get(fresh.id)).toStrictEqual(fresh);
    expect(await storage.idempotency.get('payments.record:k')).toStrictEqual({
      key: 'payments.record:k',
      requestHash: 'h',
      response: null,
      createdAt: existing.createdAt,
    });
  });

  it('skips usage events whose (customer, id) exists, in input order; the first write wins', async () => {
    const first = usageEvent({ id: 'evt_a', properties: { v: '1' } });
    const key = (id: string) => ({ customerId: first.customerId, id });
    expect(await storage.usage.insertMany([first])).toEqual({ inserted: [key('evt_a')], duplicates: [] });
    const result = await storage.usage.insertMany([
      usageEvent({ id: 'evt_b' }),
      usageEvent({ id: 'evt_a', properties: { v: '2' } }),
      usageEvent({ id: 'evt_c' }),
      usageEvent({ id: 'evt_b', properties: { v: '3' } }),
      usageEvent({ id: 'evt_a', customerId: 'cus_other', subscriptionId: 'sub_other' }),
    ]);
    expect(result).toEqual({
      inserted: [key('evt_b'), key('evt_c'), { customerId: 'cus_other', id: 'evt_a' }],
      duplicates: [key('evt_a'), key('evt_b')],
    });
    const page = await storage.usage.list({
      subscriptionId: 'sub_1',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
    });
    expect(page.items.find((e) => e.id === 'evt_a')?.properties).toEqual({ v: '1' });
    expect(page.items.find((e) => e.id === 'evt_b')?.properties).toEqual({});
  });
});
