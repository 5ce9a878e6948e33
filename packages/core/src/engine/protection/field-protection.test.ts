import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { MemoryStorage } from '../../storage/memory-storage';
import { createBilling } from '../create-billing';
import type { CreateCustomerInput } from '../customers/customer-service';
import { rejection } from '../test-fixture';

const bytes = (seed: number, length = 32) => Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) % 256);
const searchKey = { id: 's1', key: new TextEncoder().encode('billfold-search-key-for-tests-32') };
const k2025 = bytes(1);
const k2026 = bytes(2);
const IBAN = 'DE89 3704 0044 0532 0130 00';
const KUNDE = {
  name: 'Kunde AG',
  email: 'ap@kunde.example',
  currency: 'EUR',
  taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
  bankAccount: { iban: IBAN, holderName: 'Kunde AG', mandateReference: 'MNDT-1' },
  idempotencyKey: 'create-kunde',
} satisfies CreateCustomerInput;

function engine(storage: MemoryStorage, keys: { currentKeyId: string; keyEncryptionKeys: Record<string, Uint8Array> }) {
  return createBilling({
    storage,
    clock: createTestClock('2026-01-10T09:00:00Z'),
    protection: { keys: { ...keys, searchKey }, encryptTaxIds: true },
  });
}

async function withCustomer(storage = new MemoryStorage()) {
  const billing = engine(storage, { currentKeyId: 'k2025', keyEncryptionKeys: { k2025 } });
  const customer = await billing.customers.create(KUNDE);
  return { storage, billing, customer };
}

describe('field protection wired through the engine', () => {
  it('stores IBAN, tax ids and idempotency responses encrypted; the engine reads them back in clear', async () => {
    const { storage, billing, customer } = await withCustomer();
    expect(customer.bankAccount?.iban).toBe(IBAN);
    expect(await billing.customers.get(customer.id)).toEqual(customer);
    const dump = await storage.dump();
    for (const secret of ['DE89 3704', 'DE89370400440532013000', 'DE123456789']) expect(dump).not.toContain(secret);
    const stored = await storage.customers.get(customer.id);
    expect(stored?.bankAccount?.iban).toMatch(/^bfe1\.k2025\./);
    expect(stored?.taxIds[0]?.value).toMatch(/^bfe1\.k2025\./);
    // the keyed hashes (openssl: see protection/field-protector.test.ts) sit beside the envelopes, sorted
    expect(stored?.searchTokens).toEqual([
      'bfh1.s1.2mS2xEIcBWyD0tJO4iFo5Hr_7TPxgZantHyimoKKhf4',
      'bfh1.s1.W3ArsdrNCnsqK1y_Yu2Bk8vU2v83f3alB06NVGj-EGA',
    ]);
    const record = await storage.idempotency.get('customers.create:create-kunde');
    expect(record?.response).toEqual({ sealed: expect.stringMatching(/^bfe1\./), customers: [customer.id] });
    // a replay decrypts the stored response
    expect(await billing.customers.create(KUNDE)).toEqual(customer);
  });

  it('finds customers by IBAN and tax id through their keyed hash, whatever the spelling', async () => {
    const { billing, customer } = await withCustomer();
    await billing.customers.create({ name: 'Other', email: 'o@x.example', currency: 'EUR' });
    expect((await billing.protection.findCustomersByIban('de89370400440532013000')).map((c) => c.id)).toEqual([
      customer.id,
    ]);
    expect((await billing.protection.findCustomersByTaxId('DE 123.456-789')).map((c) => c.id)).toEqual([customer.id]);
    expect(await billing.protection.findCustomersByIban('GB33BUKB20201555555555')).toEqual([]);
    const plain = createBilling({ storage: new MemoryStorage() });
    expect(await rejection(plain.protection.findCustomersByIban(IBAN))).toMatchObject({
      code: 'invalid_state',
      path: ['options', 'protection'],
    });
  });

  it('rotateKeys re-encrypts under the new key; the old key can then be retired', async () => {
    const { storage, customer } = await withCustomer();
    const both = engine(storage, { currentKeyId: 'k2026', keyEncryptionKeys: { k2025, k2026 } });
    expect(await both.protection.rotateKeys({ batchSize: 1 })).toEqual({ customersChecked: 1, customersRotated: 1 });
    const stored = await storage.customers.get(customer.id);
    expect(stored?.bankAccount?.iban).toMatch(/^bfe1\.k2026\./);
    expect(stored?.taxIds[0]?.value).toMatch(/^bfe1\.k2026\./);
    expect(stored?.version).toBe(customer.version + 1);
    expect(await both.protection.rotateKeys()).toEqual({ customersChecked: 1, customersRotated: 0 });
    const retired = engine(storage, { currentKeyId: 'k2026', keyEncryptionKeys: { k2026 } });
    expect((await retired.customers.get(customer.id)).bankAccount?.iban).toBe(IBAN);
    // without the rotation the retired key would be needed
    const { storage: unrotated, customer: other } = await withCustomer();
    const tooSoon = engine(unrotated, { currentKeyId: 'k2026', keyEncryptionKeys: { k2026 } });
    expect(await rejection(tooSoon.customers.get(other.id))).toMatchObject({
      code: 'not_found',
      path: ['envelope', 'keyId'],
    });
  });

  it('an envelope moved to another customer does not decrypt', async () => {
    const { storage, billing, customer } = await withCustomer();
    const victim = await billing.customers.create({ name: 'Victim', email: 'v@x.example', currency: 'EUR' });
    const stolen = (await storage.customers.get(customer.id))?.bankAccount;
    const target = await storage.customers.get(victim.id);
    await storage.customers.update({ ...(target as NonNullable<typeof target>), bankAccount: stolen, version: 2 });
    expect(await rejection(billing.customers.get(victim.id))).toMatchObject({ code: 'decryption_failed' });
  });

  it('erasure removes the bank account, the envelopes and the search tokens', async () => {
    const { storage, billing, customer } = await withCustomer();
    await billing.customers.erase(customer.id);
    const stored = await storage.customers.get(customer.id);
    expect(stored?.bankAccount).toBeUndefined();
    expect(stored?.searchTokens).toBeUndefined();
    expect(await storage.dump()).not.toContain('bfe1.');
    expect(await billing.protection.findCustomersByIban(IBAN)).toEqual([]);
  });
});
