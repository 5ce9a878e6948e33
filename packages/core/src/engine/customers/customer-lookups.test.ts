import { describe, expect, it } from 'vitest';
import { createEngineFixture, rejection, storageDump } from '../test-fixture';

describe('lookups a host needs', () => {
  it('customers.list({ email }) finds the customers with that address, ASCII case folded; others are left out', async () => {
    const { billing, customer } = await createEngineFixture();
    const again = await billing.customers.create({
      name: 'Acme Branch',
      email: 'Billing@ACME.example',
      currency: 'EUR',
    });
    await billing.customers.create({ name: 'Other', email: 'other@example.com', currency: 'EUR' });
    const found = await billing.customers.list({ email: 'BILLING@acme.example' });
    expect(found.items.map((c) => c.id)).toEqual([customer.id, again.id]);
    expect((await billing.customers.list({ email: 'nobody@example.com' })).items).toEqual([]);
    expect((await billing.customers.list()).items).toHaveLength(3);
    // An unknown filter is an error at its path, never "everyone".
    const typo = await rejection(billing.customers.list({ emial: 'x@example.com' } as never));
    expect([typo.code, typo.path]).toEqual(['invalid_input', ['filter', 'emial']]);
  });

  it('customers.getByExternalRef finds the host’s customer; a second customer with that reference is a conflict', async () => {
    const { billing, storage } = await createEngineFixture();
    const mapped = await billing.customers.create({
      name: 'Mapped',
      email: 'mapped@example.com',
      currency: 'EUR',
      externalRef: 'crm-42',
    });
    expect(await billing.customers.getByExternalRef('crm-42')).toEqual(mapped);
    const missing = await rejection(billing.customers.getByExternalRef('crm-43'));
    expect([missing.code, missing.path]).toEqual(['not_found', ['externalRef']]);
    const before = await storageDump(storage);
    const created = await rejection(
      billing.customers.create({ name: 'Twin', email: 'twin@example.com', currency: 'EUR', externalRef: 'crm-42' }),
    );
    expect([created.code, created.path]).toEqual(['conflict', ['input', 'externalRef']]);
    const other = await billing.customers.create({ name: 'Other', email: 'o@example.com', currency: 'EUR' });
    const after = await storageDump(storage);
    const updated = await rejection(billing.customers.update(other.id, { externalRef: 'crm-42' }));
    expect([updated.code, updated.path]).toEqual(['conflict', ['changes', 'externalRef']]);
    expect(await storageDump(storage)).toEqual(after);
    expect((before.customers as unknown[]).length + 1).toBe((after.customers as unknown[]).length);
    // Updating the holder itself keeps its reference.
    expect((await billing.customers.update(mapped.id, { name: 'Renamed' })).externalRef).toBe('crm-42');
  });

  it('invoices.getByNumber finds a finalized invoice; a draft has no number', async () => {
    const { billing, customer } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Installation', amount: '100.00' }],
      autoFinalize: true,
    });
    expect(invoice.number).toBe('INV-2026-000001');
    expect(await billing.invoices.getByNumber('INV-2026-000001')).toEqual(invoice);
    const missing = await rejection(billing.invoices.getByNumber('INV-2026-000002'));
    expect([missing.code, missing.path]).toEqual(['not_found', ['number']]);
    const bad = await rejection(billing.invoices.getByNumber(''));
    expect([bad.code, bad.path]).toEqual(['invalid_input', ['number']]);
  });
});
