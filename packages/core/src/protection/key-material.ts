/**
 * Host-provided keys: raw bytes imported for WebCrypto, or `CryptoKey`s the host made (for instance
 * non-extractable keys from its own key store) checked for the algorithm and usages they need.
 * @internal
 */
import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../errors/billing-error';

/**
 * A WebCrypto `CryptoKey`, by the shape the checks below read. Declared here rather than named as `CryptoKey`,
 * a global that only the DOM library (or newer Node typings) declares, so a Node project compiles the
 * package's types without either; any `CryptoKey` is one.
 */
export interface WebCryptoKey {
  readonly algorithm: { readonly name: string };
  readonly extractable: boolean;
  readonly type: string;
  readonly usages: readonly string[];
}

/** A key as the host gives it: raw bytes or a WebCrypto `CryptoKey`. */
export type KeyMaterial = Uint8Array | WebCryptoKey;

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

/** Raw key bytes or a `CryptoKey`. */
export const KeyMaterialSchema = z.custom<KeyMaterial>(
  (value) => value instanceof Uint8Array || isCryptoKey(value),
  'expected the key as a Uint8Array of raw bytes or a CryptoKey',
);

/** A key id: 1–64 letters, digits, `_` or `-` (it is written into every envelope). */
export const KeyIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 letters, digits, "_" or "-"');

/** The WebCrypto implementation of this runtime (Node 20+, browsers, workers). */
export function subtle(): SubtleCrypto {
  const crypto = globalThis.crypto;
  if (crypto?.subtle === undefined) {
    throw new BillingError(BillingErrorCode.invalidState, 'WebCrypto (globalThis.crypto.subtle) is not available');
  }
  return crypto.subtle;
}

function keyError(path: readonly (string | number)[], message: string): BillingError {
  return new BillingError(BillingErrorCode.invalidInput, `Invalid ${path.join('.')}: ${message}`, { path });
}

/** An AES key-wrapping key (AES-KW, RFC 3394) from 16, 24 or 32 raw bytes, or a CryptoKey that can wrap. */
export async function wrappingKey(material: KeyMaterial, path: readonly (string | number)[]): Promise<CryptoKey> {
  if (!(material instanceof Uint8Array)) {
    if (
      material.algorithm.name !== 'AES-KW' ||
      !material.usages.includes('wrapKey') ||
      !material.usages.includes('unwrapKey')
    ) {
      throw keyError(path, 'a CryptoKey for AES-KW with the wrapKey and unwrapKey usages is required');
    }
    return material as CryptoKey; // KeyMaterialSchema let only real CryptoKeys through
  }
  if (![16, 24, 32].includes(material.length)) throw keyError(path, 'raw key-encryption keys are 16, 24 or 32 bytes');
  return subtle().importKey('raw', new Uint8Array(material), 'AES-KW', false, ['wrapKey', 'unwrapKey']);
}

/** An HMAC-SHA256 key from at least 32 raw bytes, or a CryptoKey that can sign with HMAC-SHA256. */
export async function searchKey(material: KeyMaterial, path: readonly (string | number)[]): Promise<CryptoKey> {
  if (!(material instanceof Uint8Array)) {
    const algorithm = material.algorithm as HmacKeyAlgorithm;
    if (algorithm.name !== 'HMAC' || algorithm.hash?.name !== 'SHA-256' || !material.usages.includes('sign')) {
      throw keyError(path, 'a CryptoKey for HMAC with SHA-256 and the sign usage is required');
    }
    return material as CryptoKey; // KeyMaterialSchema let only real CryptoKeys through
  }
  if (material.length < 32) throw keyError(path, 'a raw search key has at least 32 bytes');
  return subtle().importKey('raw', new Uint8Array(material), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}
