import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { toBase64Url } from './base64url';
import { ENVELOPE_VERSION, formatEnvelope, parseEnvelope } from './envelope';
import { KeyIdSchema, type KeyMaterial, KeyMaterialSchema, searchKey, subtle, wrappingKey } from './key-material';
import { type SearchableField, searchMessage } from './search-token';

/** The keys the host provides: key-encryption keys by id (old ones kept to decrypt), and a separate search key. */
export const FieldProtectionOptionsSchema = z
  .strictObject({
    /** The id of the key new values are encrypted with. */
    currentKeyId: KeyIdSchema,
    /** Every key-encryption key that may still be needed: raw 16/24/32 bytes, or an AES-KW `CryptoKey`. */
    keyEncryptionKeys: z.record(KeyIdSchema, KeyMaterialSchema),
    /** The HMAC-SHA256 key for search tokens (≥ 32 raw bytes or an HMAC `CryptoKey`), never a key-encryption key. */
    searchKey: z.strictObject({ id: KeyIdSchema, key: KeyMaterialSchema }).optional(),
  })
  .refine((options) => Object.hasOwn(options.keyEncryptionKeys, options.currentKeyId), {
    path: ['currentKeyId'],
    message: 'names no key in keyEncryptionKeys',
  });

/** Options of {@link createFieldProtector}. */
export type FieldProtectionOptions = z.input<typeof FieldProtectionOptionsSchema>;

/** Where an encrypted value belongs; bound into the ciphertext, so it decrypts only there. */
export const FieldContextSchema = z.strictObject({
  /** The record, e.g. `customer:cus_123` or `mandate:mdt_9`. */
  record: z.string().min(1).max(200),
  /** The field, e.g. `iban`. */
  field: z.string().min(1).max(100),
});

/** Where an encrypted value belongs. */
export type FieldContext = z.infer<typeof FieldContextSchema>;

/** Encrypts, decrypts, rotates and makes search tokens for sensitive fields; see {@link createFieldProtector}. */
export interface FieldProtector {
  /** Encrypts `value` for `context` with a fresh data key wrapped by the current key. */
  encrypt(value: string, context: FieldContext): Promise<string>;
  /**
   * Decrypts an envelope made for `context`.
   * @throws BillingError `decryption_failed` when it was altered or made for another record or field;
   * `not_found` when its key id is not configured; `invalid_input` when it is not an envelope.
   */
  decrypt(envelope: string, context: FieldContext): Promise<string>;
  /** Decrypts with the envelope's key and encrypts again with the current key (a new data key too). */
  rotate(envelope: string, context: FieldContext): Promise<string>;
  /** Whether an envelope was made with another key than the current one. */
  needsRotation(envelope: string): boolean;
  /**
   * A keyed hash (HMAC-SHA256 with the search key) of the normalised value, `bfh1.<search key id>.<base64url>`:
   * equal for equal values, meaningless without the key. Store it beside the envelope and search by it.
   * @throws BillingError `invalid_state` when no search key was configured.
   */
  searchToken(value: string, kind: SearchableField): Promise<string>;
}

const encoder = new TextEncoder();

/** The associated data of an envelope: format, key id, record and field, unambiguously encoded. */
function associatedData(keyId: string, context: FieldContext): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify([ENVELOPE_VERSION, keyId, context.record, context.field]));
}

/**
 * Envelope encryption for sensitive fields at rest (IBANs of mandates, tax ids) with WebCrypto: each value gets
 * its own AES-256-GCM data key, wrapped (AES-KW) by a host-provided key-encryption key whose id is written into
 * the envelope, so keys can rotate while old values stay readable. The record and field are bound in as
 * associated data: a value copied to another record or field does not decrypt. Searching uses a keyed hash made
 * with a separate key.
 * @example
 * ```ts
 * const protector = createFieldProtector({ currentKeyId: 'k2026', keyEncryptionKeys: { k2026: kekBytes },
 *   searchKey: { id: 's1', key: searchBytes } });
 * const context = { record: 'customer:cus_1', field: 'iban' };
 * const stored = await protector.encrypt('DE89 3704 0044 0532 0130 00', context); // "bfe1.k2026.…"
 * await protector.decrypt(stored, context); // "DE89 3704 0044 0532 0130 00"
 * await protector.searchToken('de89370400440532013000', 'iban'); // same token as the spaced spelling
 * ```
 */
export function createFieldProtector(options: FieldProtectionOptions): FieldProtector {
  const config = validate(FieldProtectionOptionsSchema, options, 'options');
  const wrappingKeys = new Map<string, Promise<CryptoKey>>();
  const kek = (keyId: string): Promise<CryptoKey> => {
    let key = wrappingKeys.get(keyId);
    if (key === undefined) {
      const material = config.keyEncryptionKeys[keyId] as KeyMaterial | undefined;
      if (material === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `No key-encryption key "${keyId}" is configured`, {
          path: ['envelope', 'keyId'],
        });
      }
      key = wrappingKey(material, ['options', 'keyEncryptionKeys', keyId]);
      wrappingKeys.set(keyId, key);
    }
    return key;
  };
  let hmacKey: Promise<CryptoKey> | undefined;
  const checkContext = (context: FieldContext) => validate(FieldContextSchema, context, 'context');

  const encrypt = async (value: string, context: FieldContext): Promise<string> => {
    if (typeof value !== 'string') {
      throw new BillingError(BillingErrorCode.invalidInput, 'Only strings are encrypted', { path: ['value'] });
    }
    const where = checkContext(context);
    const keyId = config.currentKeyId;
    const crypto = subtle();
    const dataKey = await crypto.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(keyId, where) },
      dataKey,
      encoder.encode(value),
    );
    const wrappedKey = await crypto.wrapKey('raw', dataKey, await kek(keyId), 'AES-KW');
    return formatEnvelope({
      keyId,
      wrappedKey: new Uint8Array(wrappedKey),
      iv,
      ciphertext: new Uint8Array(ciphertext),
    });
  };

  const decrypt = async (text: string, context: FieldContext): Promise<string> => {
    const where = checkContext(context);
    const envelope = parseEnvelope(text);
    const crypto = subtle();
    const wrapping = await kek(envelope.keyId);
    try {
      const dataKey = await crypto.unwrapKey('raw', envelope.wrappedKey, wrapping, 'AES-KW', 'AES-GCM', false, [
        'decrypt',
      ]);
      const plain = await crypto.decrypt(
        { name: 'AES-GCM', iv: envelope.iv, additionalData: associatedData(envelope.keyId, where) },
        dataKey,
        envelope.ciphertext,
      );
      return new TextDecoder('utf-8', { fatal: true }).decode(plain);
    } catch (error) {
      throw new BillingError(
        BillingErrorCode.decryptionFailed,
        `The encrypted ${where.field} of ${where.record} did not authenticate: altered, moved from another record or field, or made with another key`,
        { path: ['envelope'], cause: error },
      );
    }
  };

  return {
    encrypt,
    decrypt,
    async rotate(text, context) {
      return encrypt(await decrypt(text, context), context);
    },
    needsRotation(text) {
      return parseEnvelope(text).keyId !== config.currentKeyId;
    },
    async searchToken(value, kind) {
      if (config.searchKey === undefined) {
        throw new BillingError(BillingErrorCode.invalidState, 'No search key is configured (options.searchKey)');
      }
      if (typeof value !== 'string' || !['iban', 'tax_id', 'email', 'text'].includes(kind)) {
        throw new BillingError(BillingErrorCode.invalidInput, 'searchToken takes a string and a field kind', {
          path: ['value'],
        });
      }
      hmacKey ??= searchKey(config.searchKey.key, ['options', 'searchKey', 'key']);
      const mac = await subtle().sign('HMAC', await hmacKey, searchMessage(kind, value));
      return `bfh1.${config.searchKey.id}.${toBase64Url(new Uint8Array(mac))}`;
    },
  };
}
