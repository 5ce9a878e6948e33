/**
 * The text form of an encrypted field, versioned and self-describing:
 *
 * `bfe1.<key id>.<wrapped data key>.<iv>.<ciphertext and tag>`
 *
 * `bfe1` names the format (version 1: a fresh 256-bit AES-GCM data key per value, wrapped with AES-KW by the key
 * encryption key `<key id>`; 96-bit IV; 128-bit tag); the other parts are base64url without padding.
 * @internal
 */
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { fromBase64Url, toBase64Url } from './base64url';

/** The format tag of version 1. */
export const ENVELOPE_VERSION = 'bfe1';

/** The parts of an envelope. */
export interface Envelope {
  readonly keyId: string;
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** The envelope as text. */
export function formatEnvelope(envelope: Envelope): string {
  return [
    ENVELOPE_VERSION,
    envelope.keyId,
    toBase64Url(envelope.wrappedKey),
    toBase64Url(envelope.iv),
    toBase64Url(envelope.ciphertext),
  ].join('.');
}

/** Reads an envelope's text; throws `invalid_input` when it is not a version-1 envelope. */
export function parseEnvelope(text: string): Envelope {
  const fail = (why: string) =>
    new BillingError(BillingErrorCode.invalidInput, `Not an encrypted field value: ${why}`, { path: ['envelope'] });
  if (typeof text !== 'string' || text.length > 1_000_000) throw fail('expected a string');
  const parts = text.split('.');
  if (parts[0] !== ENVELOPE_VERSION)
    throw fail(`unknown format "${(parts[0] ?? '').slice(0, 10)}" (expected ${ENVELOPE_VERSION})`);
  if (parts.length !== 5) throw fail('expected 5 parts separated by "."');
  const [, keyId, wrapped, iv, ciphertext] = parts as [string, string, string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) throw fail('malformed key id');
  const wrappedKey = fromBase64Url(wrapped);
  const ivBytes = fromBase64Url(iv);
  const body = fromBase64Url(ciphertext);
  // AES-KW of a 256-bit key is 40 bytes; the IV is 12; the GCM tag alone is 16
  if (wrappedKey?.length !== 40 || ivBytes?.length !== 12 || body === undefined || body.length < 16) {
    throw fail('malformed key, IV or ciphertext');
  }
  return { keyId, wrappedKey, iv: ivBytes, ciphertext: body };
}
