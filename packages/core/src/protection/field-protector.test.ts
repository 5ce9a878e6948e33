import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { fromBase64Url, toBase64Url } from './base64url';
import { createFieldProtector } from './field-protector';
import { normalizeSearchValue } from './search-token';

const bytes = (seed: number, length = 32) => Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) % 256);
const k2025 = bytes(1);
const k2026 = bytes(2);
const searchBytes = new TextEncoder().encode('billfold-search-key-for-tests-32');
const context = { record: 'customer:cus_1', field: 'iban' };
const iban = 'DE89 3704 0044 0532 0130 00';

const protector = createFieldProtector({
  currentKeyId: 'k2026',
  keyEncryptionKeys: { k2025, k2026 },
  searchKey: { id: 's1', key: searchBytes },
});

async function failure(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'decrypted';
  } catch (error) {
    return isBillingError(error) ? error.code : `not a BillingError: ${String(error)}`;
  }
}

describe('field encryption', () => {
  it('round-trips, with a fresh data key and IV per value', async () => {
    const first = await protector.encrypt(iban, context);
    const second = await protector.encrypt(iban, context);
    expect(first).toMatch(/^bfe1\.k2026\.[A-Za-z0-9_-]{54}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
    expect(await protector.decrypt(first, context)).toBe(iban);
    expect(await protector.decrypt(await protector.encrypt('', context), context)).toBe('');
    expect(await protector.decrypt(await protector.encrypt('Zoë 😀', context), context)).toBe('Zoë 😀');
  });

  it('detects any changed character of the envelope', async () => {
    const envelope = await protector.encrypt(iban, context);
    const outcomes = new Set<string>();
    for (let i = 0; i < envelope.length; i++) {
      const original = envelope[i] as string;
      const replacement = original === 'A' ? 'B' : original === '.' ? '-' : 'A';
      const tampered = `${envelope.slice(0, i)}${replacement}${envelope.slice(i + 1)}`;
      const outcome = await failure(() => protector.decrypt(tampered, context));
      expect(outcome, `character ${i} (${original} → ${replacement})`).not.toBe('decrypted');
      outcomes.add(outcome);
    }
    // the version, separators and base64 give invalid_input, the key id not_found, everything else decryption_failed
    expect([...outcomes].sort()).toEqual(['decryption_failed', 'invalid_input', 'not_found']);
  });

  it('binds the value to its record and field', async () => {
    const envelope = await protector.encrypt(iban, context);
    expect(await failure(() => protector.decrypt(envelope, { record: 'customer:cus_2', field: 'iban' }))).toBe(
      'decryption_failed',
    );
    expect(await failure(() => protector.decrypt(envelope, { record: 'customer:cus_1', field: 'tax_id' }))).toBe(
      'decryption_failed',
    );
    // an unambiguous encoding: moving a character between record and field does not collide
    const split = await protector.encrypt('x', { record: 'a:b', field: 'c' });
    expect(await failure(() => protector.decrypt(split, { record: 'a', field: 'b:c' }))).toBe('decryption_failed');
  });

  it('rotates: old values decrypt with the old key, rotate() re-encrypts under the current one', async () => {
    const old = createFieldProtector({ currentKeyId: 'k2025', keyEncryptionKeys: { k2025 } });
    const envelope = await old.encrypt(iban, context);
    expect(envelope.startsWith('bfe1.k2025.')).toBe(true);
    expect(protector.needsRotation(envelope)).toBe(true);
    expect(await protector.decrypt(envelope, context)).toBe(iban);
    const rotated = await protector.rotate(envelope, context);
    expect(rotated.startsWith('bfe1.k2026.')).toBe(true);
    expect(protector.needsRotation(rotated)).toBe(false);
    expect(await protector.decrypt(rotated, context)).toBe(iban);
    // once the old key is retired, only the rotated value is readable
    const retired = createFieldProtector({ currentKeyId: 'k2026', keyEncryptionKeys: { k2026 } });
    expect(await retired.decrypt(rotated, context)).toBe(iban);
    await expect(retired.decrypt(envelope, context)).rejects.toMatchObject({
      code: 'not_found',
      path: ['envelope', 'keyId'],
    });
  });

  it('refuses a key that is not the one named (same id, other bytes)', async () => {
    const envelope = await protector.encrypt(iban, context);
    const impostor = createFieldProtector({ currentKeyId: 'k2026', keyEncryptionKeys: { k2026: bytes(9) } });
    expect(await failure(() => impostor.decrypt(envelope, context))).toBe('decryption_failed');
  });

  it('accepts host CryptoKeys and checks their algorithm', async () => {
    const kek = await crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']);
    const withKey = createFieldProtector({ currentKeyId: 'hsm-1', keyEncryptionKeys: { 'hsm-1': kek } });
    expect(await withKey.decrypt(await withKey.encrypt('secret', context), context)).toBe('secret');
    const wrong = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const bad = createFieldProtector({ currentKeyId: 'x', keyEncryptionKeys: { x: wrong } });
    await expect(bad.encrypt('secret', context)).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['options', 'keyEncryptionKeys', 'x'],
    });
  });

  it('validates options and context with paths', async () => {
    expect(() => createFieldProtector({ currentKeyId: 'k9', keyEncryptionKeys: { k2026 } })).toThrow(
      expect.objectContaining({ path: ['options', 'currentKeyId'] }),
    );
    expect(() => createFieldProtector({ currentKeyId: 'a.b', keyEncryptionKeys: {} })).toThrow(
      expect.objectContaining({ path: ['options', 'currentKeyId'] }),
    );
    const short = createFieldProtector({ currentKeyId: 'k', keyEncryptionKeys: { k: bytes(1, 20) } });
    await expect(short.encrypt('x', context)).rejects.toMatchObject({
      message: expect.stringMatching(/16, 24 or 32 bytes/),
    });
    await expect(protector.encrypt('x', { record: '', field: 'iban' })).rejects.toMatchObject({
      path: ['context', 'record'],
    });
    await expect(protector.decrypt('plain text', context)).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['envelope'],
    });
  });
});

describe('search tokens', () => {
  it('matches known-answer HMAC-SHA256 values (computed with openssl)', async () => {
    // printf 'iban:DE89370400440532013000' | openssl dgst -sha256 -hmac 'billfold-search-key-for-tests-32'
    //   = 5b702bb1dacd0a7b2a2b5cbf62ed8193cbd4daff377f76a5074e8d5468fe1060 (base64url below)
    expect(await protector.searchToken(iban, 'iban')).toBe('bfh1.s1.W3ArsdrNCnsqK1y_Yu2Bk8vU2v83f3alB06NVGj-EGA');
    expect(await protector.searchToken('de89370400440532013000', 'iban')).toBe(
      'bfh1.s1.W3ArsdrNCnsqK1y_Yu2Bk8vU2v83f3alB06NVGj-EGA',
    );
    // printf 'tax_id:DE123456789' | openssl dgst -sha256 -hmac 'billfold-search-key-for-tests-32'
    expect(await protector.searchToken('de 123.456-789', 'tax_id')).toBe(
      'bfh1.s1.2mS2xEIcBWyD0tJO4iFo5Hr_7TPxgZantHyimoKKhf4',
    );
  });

  it('matches the RFC 4231 HMAC-SHA256 test cases 1 and 2 through the same WebCrypto call', async () => {
    const hmac = async (key: Uint8Array<ArrayBuffer>, data: string) => {
      const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      return Buffer.from(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(data))).toString('hex');
    };
    expect(await hmac(new Uint8Array(20).fill(0x0b), 'Hi There')).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(await hmac(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('separates kinds and keys, and needs a search key', async () => {
    expect(await protector.searchToken('DE123', 'tax_id')).not.toBe(await protector.searchToken('DE123', 'text'));
    const other = createFieldProtector({
      currentKeyId: 'k2026',
      keyEncryptionKeys: { k2026 },
      searchKey: { id: 's2', key: bytes(5) },
    });
    expect((await other.searchToken(iban, 'iban')).split('.')[2]).not.toBe(
      (await protector.searchToken(iban, 'iban')).split('.')[2],
    );
    const none = createFieldProtector({ currentKeyId: 'k2026', keyEncryptionKeys: { k2026 } });
    await expect(none.searchToken(iban, 'iban')).rejects.toMatchObject({ code: 'invalid_state' });
    expect(normalizeSearchValue('email', '  Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeSearchValue('text', ' Zoe\u0308  Smith ')).toBe('Zoë Smith');
  });
});

describe('base64url', () => {
  it('round-trips and refuses non-canonical spellings', () => {
    const data = Uint8Array.from([0, 255, 62, 63, 1]);
    expect(toBase64Url(data)).toBe('AP8-PwE');
    expect(fromBase64Url('AP8-PwE')).toEqual(data);
    expect(fromBase64Url('AP8-PwF')).toBeUndefined(); // same bytes, other unused low bits
    expect(fromBase64Url('AP8+PwE')).toBeUndefined();
    expect(fromBase64Url('A')).toBeUndefined();
  });
});
