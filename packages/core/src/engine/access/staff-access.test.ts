import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { MemoryStorage } from '../../storage/memory-storage';
import { createBilling } from '../create-billing';
import { counterIds } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';
import { requiredRole } from './staff-roles';

async function fixture(audit?: 'staff' | 'all') {
  const clock = createTestClock('2026-03-01T10:00:00Z');
  const storage = new MemoryStorage();
  const billing = createBilling({ storage, clock, ids: counterIds(), ...(audit === undefined ? {} : { audit }) });
  const customer = await billing.customers.create({ name: 'Acme', email: 'ap@acme.example', currency: 'EUR' });
  return { clock, storage, billing, customer };
}

describe('staff roles', () => {
  it('maps operations to the least role', () => {
    expect(requiredRole('invoices.list')).toBe('read_only');
    expect(requiredRole('catalog.prices.get')).toBe('read_only');
    expect(requiredRole('payments.record')).toBe('billing_operator');
    expect(requiredRole('runCycle')).toBe('billing_operator');
    expect(requiredRole('catalog.products.create')).toBe('admin');
    expect(requiredRole('customers.erase')).toBe('admin');
    expect(requiredRole('audit.export')).toBe('admin');
  });

  it('read-only staff read and are refused every change, which then changes nothing', async () => {
    const { billing, storage, customer } = await fixture();
    const viewer = billing.as({ id: 'user_view', role: 'read_only' });
    expect((await viewer.customers.get(customer.id)).name).toBe('Acme');
    const before = await storage.dump();
    const refused = await rejection(viewer.customers.update(customer.id, { name: 'Hacked' }));
    expect(refused).toMatchObject({ code: 'forbidden', path: ['customers', 'update'] });
    expect(refused.message).toBe(
      'user_view (read_only) may not call customers.update: it needs the billing_operator role',
    );
    expect(await rejection(viewer.runCycle())).toMatchObject({ code: 'forbidden', path: ['runCycle'] });
    expect(await storage.dump()).toBe(before);
  });

  it('operators bill but may not change the catalog, erase or read the audit log; admins may', async () => {
    const { billing, customer } = await fixture();
    const operator = billing.as({ id: 'user_op', role: 'billing_operator' });
    const admin = billing.as({ id: 'user_admin', role: 'admin' });
    await operator.payments.record({ customerId: customer.id, amount: '5.00', currency: 'EUR', method: 'cash' });
    const product = { name: 'Plan', billingCode: 'PLAN', category: 'plans' } as const;
    expect(await rejection(operator.catalog.products.create(product))).toMatchObject({
      code: 'forbidden',
      path: ['catalog', 'products', 'create'],
    });
    expect(await rejection(operator.audit.list())).toMatchObject({ code: 'forbidden' });
    expect((await admin.catalog.products.create(product)).billingCode).toBe('PLAN');
    expect(await rejection(Promise.resolve().then(() => billing.as({ id: '', role: 'admin' })))).toMatchObject({
      code: 'invalid_input',
      path: ['actor', 'id'],
    });
  });
});

describe('audit log', () => {
  it('records who changed what, when, with the record before and after, in the same transaction', async () => {
    const { billing, clock, customer } = await fixture();
    const operator = billing.as({ id: 'user_op', role: 'billing_operator' });
    clock.set('2026-03-02T08:00:00Z');
    await operator.customers.update(customer.id, { name: 'Acme GmbH' });
    clock.set('2026-03-02T09:00:00Z');
    const payment = await operator.payments.record({
      customerId: customer.id,
      amount: '5.00',
      currency: 'EUR',
      method: 'cash',
    });
    // calls without an actor are not audited by default
    await billing.customers.update(customer.id, { phone: '+49 30 1234' });
    const { items } = await billing.audit.list();
    expect(items.map((e) => [e.at, e.actor.id, e.operation, e.entity, e.entityId, e.change])).toEqual([
      ['2026-03-02T08:00:00.000Z', 'user_op', 'customers.update', 'customer', customer.id, 'update'],
      ['2026-03-02T09:00:00.000Z', 'user_op', 'payments.record', 'payment', payment.id, 'create'],
      // the unapplied 5.00 became credit: the balance entry is part of the same change
      ['2026-03-02T09:00:00.000Z', 'user_op', 'payments.record', 'balance_transaction', expect.any(String), 'create'],
    ]);
    expect(items[0]).toMatchObject({
      customerId: customer.id,
      before: { name: 'Acme', version: 1 },
      after: { name: 'Acme GmbH', version: 2 },
    });
    expect(items[1]?.before).toBeUndefined();
    expect(items[1]?.after).toMatchObject({ amount: '5.00', customerId: customer.id });
    expect(idsOnly(await billing.audit.list({ entity: 'payment' }))).toEqual([items[1]?.id]);
    // instants in any ISO 8601 spelling; `to` is exclusive
    expect(idsOnly(await billing.audit.list({ from: '2026-03-02T10:00:00+01:00' }))).toEqual([
      items[1]?.id,
      items[2]?.id,
    ]);
    expect(idsOnly(await billing.audit.list({ to: new Date('2026-03-02T09:00:00Z') }))).toEqual([items[0]?.id]);
    expect(await rejection(billing.audit.list({ from: 'yesterday' }))).toMatchObject({ path: ['filter', 'from'] });
    const firstPage = await billing.audit.list({ limit: 2 });
    expect(firstPage.items).toHaveLength(2);
    expect((await billing.audit.list({ limit: 2, cursor: firstPage.nextCursor as string })).items).toEqual([items[2]]);
  });

  it('a refused or failed change leaves no entry', async () => {
    const { billing, customer } = await fixture();
    const operator = billing.as({ id: 'user_op', role: 'billing_operator' });
    await expect(operator.customers.update(customer.id, { taxRateIds: ['txr_missing'] })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await billing.audit.list()).items).toEqual([]);
  });

  it('with audit: "all", calls without an actor are recorded as system', async () => {
    const { billing, customer } = await fixture('all');
    await billing.customers.update(customer.id, { name: 'Acme AG' });
    const { items } = await billing.audit.list({ operation: 'customers.update' });
    expect(items.map((e) => [e.actor, e.entityId])).toEqual([[{ id: 'system', role: 'admin' }, customer.id]]);
  });

  it('exports as CSV (RFC 4180, formulas defused) and as JSON', async () => {
    const { billing, clock, customer } = await fixture();
    const operator = billing.as({ id: '=2+2', role: 'billing_operator' });
    clock.set('2026-03-02T08:00:00Z');
    await operator.customers.update(customer.id, { name: 'Acme, "the" GmbH' });
    const csv = await billing.audit.export({ format: 'csv', filter: { operation: 'customers.update' } });
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'id,at,actor_id,actor_role,operation,entity,entity_id,customer_id,change,before,after,redacted',
    );
    expect(end).toBe('');
    // the actor id would run as a formula in a spreadsheet: prefixed with '; JSON cells quoted, quotes doubled
    expect(
      row?.startsWith(
        `aud_00000002,2026-03-02T08:00:00.000Z,'=2+2,billing_operator,customers.update,customer,${customer.id},${customer.id},update,"{""name"":""Acme"",`,
      ),
    ).toBe(true);
    expect(row).toContain('"{""name"":""Acme, \\""the\\"" GmbH"",');
    expect(row?.endsWith('""version"":2}",')).toBe(true);
    const json = JSON.parse(await billing.audit.export({ format: 'json' })) as unknown[];
    expect(json).toEqual((await billing.audit.list()).items);
    expect(json).toHaveLength(1);
  });
});

function idsOnly(page: { items: readonly { id: string }[] }): string[] {
  return page.items.map((item) => item.id);
}
