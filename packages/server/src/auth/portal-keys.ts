import { validate } from '@billfold/core';
import { base64url, type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { z } from 'zod';

const KidSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", ".", ":" or "-"');

const JwkSchema = z.record(z.string(), z.unknown()).refine((jwk) => typeof jwk.kty === 'string', 'a JWK with "kty"');

/**
 * A key portal tokens are signed and verified with. `HS256` uses a shared secret (at least 32 bytes; as bytes or
 * base64url) and suits a host whose backend mints sessions in the same trust zone as the portal. `ES256` and
 * `EdDSA` use a key pair: the portal needs only `publicJwk` to verify, the minting backend holds `privateJwk`.
 * `activeFrom` (an ISO instant, default: always) says from when the key signs; see {@link PortalKeySetSchema}.
 */
export const PortalKeySchema = z.discriminatedUnion('alg', [
  z.strictObject({
    kid: KidSchema,
    alg: z.literal('HS256'),
    secret: z.union([
      z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength >= 32, 'at least 32 bytes'),
      z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'base64url')
        .min(43, 'at least 32 bytes (43 base64url characters)'),
    ]),
    activeFrom: z.iso.datetime({ offset: true }).optional(),
  }),
  z.strictObject({
    kid: KidSchema,
    alg: z.enum(['ES256', 'EdDSA']),
    publicJwk: JwkSchema,
    privateJwk: JwkSchema.optional(),
    activeFrom: z.iso.datetime({ offset: true }).optional(),
  }),
]);

/** A signing/verification key, see {@link PortalKeySchema}. */
export type PortalKey = z.input<typeof PortalKeySchema>;

/**
 * The keys a portal knows, for rotation without downtime: tokens are verified with whichever key their `kid`
 * names, and signed with the newest key that can sign and is active (`activeFrom` ≤ now). To rotate, add the
 * new key everywhere with an `activeFrom` in the future (or without private part on verifiers), wait until
 * every instance has it, let it become active, and remove the old key once the longest-lived token it signed
 * has expired.
 */
export const PortalKeySetSchema = z
  .array(PortalKeySchema)
  .min(1, 'at least one key')
  .max(20)
  .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, 'each kid at most once');

/** A parsed key, ready to sign (when it can) and to verify. */
export interface LoadedKey {
  readonly kid: string;
  readonly alg: 'HS256' | 'ES256' | 'EdDSA';
  readonly activeFrom: number;
  readonly verifyKey: CryptoKey | Uint8Array;
  readonly signKey?: CryptoKey | Uint8Array;
}

/** Parses and imports a key set once (importing is the slow part of verifying). */
export async function loadKeySet(keys: readonly PortalKey[]): Promise<LoadedKey[]> {
  const parsed = validate(PortalKeySetSchema, keys, 'keys');
  return Promise.all(
    parsed.map(async (key): Promise<LoadedKey> => {
      const activeFrom = key.activeFrom === undefined ? Number.NEGATIVE_INFINITY : Date.parse(key.activeFrom);
      if (key.alg === 'HS256') {
        const secret = typeof key.secret === 'string' ? base64url.decode(key.secret) : key.secret;
        return { kid: key.kid, alg: key.alg, activeFrom, verifyKey: secret, signKey: secret };
      }
      const verifyKey = (await importJWK(key.publicJwk as JWK, key.alg)) as CryptoKey;
      const signKey =
        key.privateJwk === undefined ? undefined : ((await importJWK(key.privateJwk as JWK, key.alg)) as CryptoKey);
      return { kid: key.kid, alg: key.alg, activeFrom, verifyKey, ...(signKey === undefined ? {} : { signKey }) };
    }),
  );
}

/** The key to sign with at `now`: the one with the latest `activeFrom` not after `now` that has a secret or private key. */
export function signingKey(keys: readonly LoadedKey[], now: Date): LoadedKey | undefined {
  let best: LoadedKey | undefined;
  for (const key of keys) {
    if (key.signKey === undefined || key.activeFrom > now.getTime()) continue;
    if (best === undefined || key.activeFrom > best.activeFrom) best = key;
  }
  return best;
}

/**
 * Makes a new key for a key set: 32 random bytes for `HS256`, a fresh key pair for `ES256` / `EdDSA`.
 * Store the result as a secret; give verifiers the key without `privateJwk` when it is a pair.
 * @example
 * ```ts
 * const key = await generatePortalKey({ kid: '2026-03', alg: 'EdDSA' });
 * ```
 */
export async function generatePortalKey(options: {
  readonly kid: string;
  readonly alg?: 'HS256' | 'ES256' | 'EdDSA';
  readonly activeFrom?: string;
}): Promise<PortalKey> {
  const kid = validate(KidSchema, options.kid, 'options.kid');
  const alg = options.alg ?? 'HS256';
  const activeFrom = options.activeFrom === undefined ? {} : { activeFrom: options.activeFrom };
  if (alg === 'HS256') {
    const secret = base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    return { kid, alg, secret, ...activeFrom };
  }
  const pair = await generateKeyPair(alg, { extractable: true });
  return {
    kid,
    alg,
    publicJwk: { ...(await exportJWK(pair.publicKey)) },
    privateJwk: { ...(await exportJWK(pair.privateKey)) },
    ...activeFrom,
  };
}
