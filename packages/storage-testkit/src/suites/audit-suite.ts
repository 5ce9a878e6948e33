import type { AuditEntry } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import type { KitContext } from '../kit-context';

function entry(id: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: '2026-03-01T10:00:00.000Z',
    actor: { id: 'user_1', role: 'billing_operator' },
    operation: 'payments.record',
    entity: 'payment',
    entityId: `pay_${id}`,
    customerId: 'cus_1',
    change: 'create',
    after: { id: `pay_${id}`, amount: '90071992547409930.01', note: 'Grüße' },
    ...overrides,
  };
}

/** Suite `audit`: the audit log — append all or none, list by filters in id order, page by cursor. */
export function auditSuite(kit: KitContext): void {
  it('stores entries exactly and lists them by every filter, ascending by id', async () => {
    const { audit } = kit.storage();
    const a = entry('aud_01');
    const b = entry('aud_02', {
      actor: { id: 'user_2', role: 'admin' },
      operation: 'customers.update',
      entity: 'customer',
      entityId: 'cus_2',
      customerId: 'cus_2',
      change: 'update',
      at: '2026-03-02T10:00:00.000Z',
      before: { name: 'Old' },
      after: { name: 'New' },
    });
    const { customerId: _none, ...withoutCustomer } = entry('aud_03', {
      operation: 'catalog.products.create',
      entity: 'product',
      entityId: 'prod_1',
      at: '2026-03-03T10:00:00.000Z',
    });
    await audit.append([b, withoutCustomer]);
    await audit.append([a]);
    expect((await audit.list({})).items).toEqual([a, b, withoutCustomer]);
    expect(idsOf(await audit.list({ actorId: 'user_2' }))).toEqual(['aud_02']);
    expect(idsOf(await audit.list({ operation: 'payments.record' }))).toEqual(['aud_01']);
    expect(idsOf(await audit.list({ entity: 'product', entityId: 'prod_1' }))).toEqual(['aud_03']);
    expect(idsOf(await audit.list({ customerId: 'cus_1' }))).toEqual(['aud_01']);
    expect(idsOf(await audit.list({ from: '2026-03-02T10:00:00.000Z' }))).toEqual(['aud_02', 'aud_03']);
    expect(idsOf(await audit.list({ to: '2026-03-02T10:00:00.000Z' }))).toEqual(['aud_01']);
    expect(idsOf(await audit.list({ from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' }))).toEqual(['aud_02']);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const { audit } = kit.storage();
    const ids = Array.from({ length: 7 }, (_, i) => `aud_${String(i + 10)}`);
    await audit.append(ids.map((id) => entry(id)));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit.list({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(ids);
  });

  it('append is all or none: a duplicate id is a conflict and stores nothing of the batch', async () => {
    const storage = kit.storage();
    await storage.audit.append([entry('aud_50')]);
    await expectBillingError(storage.audit.append([entry('aud_51'), entry('aud_50')]), 'conflict');
    expect(idsOf(await storage.audit.list({}))).toEqual(['aud_50']);
    await expect(
      storage.transaction(async (session) => {
        await session.audit.append([entry('aud_52')]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(idsOf(await storage.audit.list({}))).toEqual(['aud_50']);
  });
}
