import { type Clock, IdSchema, systemClock, validate } from '@billfold/core';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { PermissionListSchema, type PortalPermission } from './permissions';
import { type LoadedKey, loadKeySet, type PortalKey, PortalKeySetSchema, signingKey } from './portal-keys';
import { createMemoryRevocationStore, type RevocationStore } from './revocation-store';

const SESSION_TYP = 'billfold-portal+jwt';
const MAGIC_LINK_TYP = 'billfold-magic-link+jwt';

/** What {@link createPortalAuth} takes. */
export interface PortalAuthOptions {
  /** The key set; see `PortalKeySetSchema`. */
  readonly keys: readonly PortalKey[];
  /** Who mints the tokens (`iss`), e.g. the host's URL. */
  readonly issuer: string;
  /** The portal the tokens are for (`aud`); a portal refuses tokens minted for another audience. */
  readonly audience: string;
  /** Where revoked and spent token ids are kept (default: in memory; see {@link RevocationStore}). */
  readonly revocations?: RevocationStore;
  /** The source of "now" (default: the system clock). */
  readonly clock?: Clock;
  /** The longest session a host may mint, in seconds (default 12 hours). */
  readonly maxSessionTtl?: number;
}

const OptionsSchema = z.strictObject({
  keys: PortalKeySetSchema,
  issuer: z.string().min(1).max(500),
  audience: z.string().min(1).max(500),
  revocations: z
    .custom<RevocationStore>(
      (value) =>
        typeof (value as RevocationStore)?.revoke === 'function' &&
        typeof (value as RevocationStore)?.isRevoked === 'function',
      { message: 'expected a RevocationStore with revoke() and isRevoked()' },
    )
    .optional(),
  clock: z
    .custom<Clock>((value) => typeof (value as Clock)?.now === 'function', { message: 'expected a Clock' })
    .optional(),
  maxSessionTtl: z
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(12 * 3600),
});

/** What {@link PortalAuth.createPortalSession} takes. */
export const PortalSessionInputSchema = z.strictObject({
  /** The customer the session acts for: the only customer its routes can see. */
  customerId: IdSchema,
  /** Lifetime in seconds (default 900: 15 minutes). */
  ttl: z.number().int().min(1).optional(),
  permissions: PermissionListSchema,
  /** The portal it is for (default: the auth's own audience). */
  audience: z.string().min(1).max(500).optional(),
});

/** What {@link PortalAuth.createPortalSession} takes; see {@link PortalSessionInputSchema}. */
export type PortalSessionInput = z.input<typeof PortalSessionInputSchema>;

/** What {@link PortalAuth.createMagicLink} takes. */
export const MagicLinkInputSchema = z.strictObject({
  customerId: IdSchema,
  permissions: PermissionListSchema,
  /** How long the link can be used, in seconds (default 900, at most 86,400). */
  ttl: z.number().int().min(60).max(86_400).default(900),
  /** How long the session it signs in to lasts, in seconds (default 3600). */
  sessionTtl: z.number().int().min(60).optional(),
  audience: z.string().min(1).max(500).optional(),
});

/** What {@link PortalAuth.createMagicLink} takes; see {@link MagicLinkInputSchema}. */
export type MagicLinkInput = z.input<typeof MagicLinkInputSchema>;

/** A minted portal session: the bearer token for the browser and what it grants. */
export interface PortalSessionToken {
  /** The JWT to send as `Authorization: Bearer …`. */
  readonly token: string;
  /** The session's id (`jti`): revoke it with {@link PortalAuth.revokeSession}. */
  readonly sessionId: string;
  readonly customerId: string;
  readonly permissions: readonly PortalPermission[];
  readonly audience: string;
  /** ISO instant. */
  readonly expiresAt: string;
}

/** A verified session, as routes see it. */
export interface PortalSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly permissions: readonly PortalPermission[];
  readonly expiresAt: Date;
}

/** Why a token was refused (for logs and tests; responses say only "401"). */
export type TokenRefusal =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'bad_signature'
  | 'unknown_key'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'wrong_type'
  | 'revoked';

/** The outcome of verifying a token. */
export type TokenCheck =
  | { readonly ok: true; readonly session: PortalSession }
  | { readonly ok: false; readonly reason: TokenRefusal };

/** Mints, verifies and revokes portal sessions and magic links; see {@link createPortalAuth}. */
export interface PortalAuth {
  /** The audience this portal accepts. */
  readonly audience: string;
  /** Mints a session token for one customer (call it from the host's backend, where its user is signed in). */
  createPortalSession(input: PortalSessionInput): Promise<PortalSessionToken>;
  /** Mints a single-use sign-in token to put in an e-mailed link to the hosted sign-in page. */
  createMagicLink(input: MagicLinkInput): Promise<{ readonly token: string; readonly expiresAt: string }>;
  /** Verifies a session token: signature, type, issuer, audience, expiry, revocation. */
  verifySession(token: string | undefined): Promise<TokenCheck>;
  /** Spends a magic-link token (once) and mints the session it grants. */
  redeemMagicLink(
    token: string,
  ): Promise<
    { readonly ok: true; readonly session: PortalSessionToken } | { readonly ok: false; readonly reason: TokenRefusal }
  >;
  /** Revokes a session until it expires (sign-out). @returns `false` when it was revoked already. */
  revokeSession(session: Pick<PortalSession, 'sessionId' | 'expiresAt'>): Promise<boolean>;
}

const ClaimsSchema = z.object({
  sub: IdSchema,
  jti: z.string().min(1).max(100),
  exp: z.number().int(),
  perm: PermissionListSchema,
  sttl: z.number().int().min(60).optional(),
});

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'typ') return 'wrong_type';
    return 'malformed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof UnknownKeyError) return 'unknown_key';
  return 'malformed';
}

class UnknownKeyError extends Error {}

/**
 * Creates the portal's token authority: short-lived session JWTs (jose) bound to one customer, an audience and
 * a set of permissions, single-use magic-link tokens, revocation, and key rotation by `kid`.
 * @throws BillingError `invalid_input` with a path under `options` for a bad key set or option.
 * @example
 * ```ts
 * const auth = createPortalAuth({
 *   keys: [{ kid: '2026-03', alg: 'HS256', secret: process.env.PORTAL_KEY! }],
 *   issuer: 'https://shop.example', audience: 'https://shop.example/billing',
 * });
 * // In the host's backend, for its signed-in user:
 * const { token } = await auth.createPortalSession({ customerId: user.billingId, permissions: ['read', 'manage_plan'] });
 * ```
 */
export function createPortalAuth(options: PortalAuthOptions): PortalAuth {
  const parsed = validate(OptionsSchema, options, 'options');
  const clock = parsed.clock ?? systemClock;
  const revocations = parsed.revocations ?? createMemoryRevocationStore({ clock });
  const keysReady = loadKeySet(options.keys);
  const byKid = keysReady.then((keys) => new Map(keys.map((key) => [key.kid, key])));

  async function sign(typ: string, claims: Record<string, unknown>, subject: string, audience: string, ttl: number) {
    const now = clock.now();
    const key = signingKey(await keysReady, now);
    if (key?.signKey === undefined) {
      throw new Error('No key in the portal key set can sign now (no secret or private key, or none active yet)');
    }
    const iat = Math.floor(now.getTime() / 1000);
    const jti = globalThis.crypto.randomUUID();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ })
      .setIssuer(parsed.issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .sign(key.signKey);
    return { token, jti, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
  }

  async function verify(
    token: string,
    typ: string,
  ): Promise<{ ok: true; claims: z.infer<typeof ClaimsSchema> } | { ok: false; reason: TokenRefusal }> {
    try {
      const keys = await byKid;
      const { payload } = await jwtVerify<JWTPayload>(
        token,
        (header): LoadedKey['verifyKey'] => {
          const key = header.kid === undefined ? undefined : keys.get(header.kid);
          if (key === undefined || key.alg !== header.alg) throw new UnknownKeyError();
          return key.verifyKey;
        },
        {
          issuer: parsed.issuer,
          audience: parsed.audience,
          typ,
          currentDate: clock.now(),
          algorithms: ['HS256', 'ES256', 'EdDSA'],
          requiredClaims: ['exp', 'iat', 'jti', 'sub'],
        },
      );
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, reason: 'malformed' };
      if (await revocations.isRevoked(claims.data.jti)) return { ok: false, reason: 'revoked' };
      return { ok: true, claims: claims.data };
    } catch (error) {
      return { ok: false, reason: refusalOf(error) };
    }
  }

  const auth: PortalAuth = {
    audience: parsed.audience,
    async createPortalSession(input) {
      const request = validate(
        PortalSessionInputSchema.extend({ ttl: z.number().int().min(1).max(parsed.maxSessionTtl).default(900) }),
        input,
        'input',
      );
      const audience = request.audience ?? parsed.audience;
      const signed = await sign(SESSION_TYP, { perm: request.permissions }, request.customerId, audience, request.ttl);
      return {
        token: signed.token,
        sessionId: signed.jti,
        customerId: request.customerId,
        permissions: request.permissions,
        audience,
        expiresAt: signed.expiresAt,
      };
    },
    async createMagicLink(input) {
      const request = validate(
        MagicLinkInputSchema.extend({ sessionTtl: z.number().int().min(60).max(parsed.maxSessionTtl).default(3600) }),
        input,
        'input',
      );
      const claims = { perm: request.permissions, sttl: request.sessionTtl };
      const signed = await sign(
        MAGIC_LINK_TYP,
        claims,
        request.customerId,
        request.audience ?? parsed.audience,
        request.ttl,
      );
      return { token: signed.token, expiresAt: signed.expiresAt };
    },
    async verifySession(token) {
      if (token === undefined || token === '') return { ok: false, reason: 'missing' };
      const checked = await verify(token, SESSION_TYP);
      if (!checked.ok) return checked;
      const { claims } = checked;
      return {
        ok: true,
        session: {
          sessionId: claims.jti,
          customerId: claims.sub,
          permissions: claims.perm,
          expiresAt: new Date(claims.exp * 1000),
        },
      };
    },
    async redeemMagicLink(token) {
      const checked = await verify(token, MAGIC_LINK_TYP);
      if (!checked.ok) return checked;
      const { claims } = checked;
      // Spending is the atomic step: of two redemptions racing, exactly one gets a session.
      if (!(await revocations.revoke(claims.jti, new Date(claims.exp * 1000)))) return { ok: false, reason: 'revoked' };
      const session = await auth.createPortalSession({
        customerId: claims.sub,
        permissions: claims.perm,
        ttl: claims.sttl ?? 3600,
      });
      return { ok: true, session };
    },
    revokeSession: (session) => revocations.revoke(session.sessionId, session.expiresAt),
  };
  return auth;
}
