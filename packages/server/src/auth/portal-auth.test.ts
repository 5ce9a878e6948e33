import { createTestClock } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { createMemoryRevocationStore } from './revocation-store';
import { createPortalAuth } from './portal-auth';
import { generatePortalKey } from './portal-keys';

const clock = createTestClock('2026-03-01T12:00:00Z');
const base = { issuer: 'https://host.test', audience: 'https://host.test/billing', clock };

describe('portal sessions', async () => {
  const key = await generatePortalKey({ kid: 'k1' });
  const auth = createPortalAuth({ ...base, keys: [key] });

  it('verifies a fresh session, and refuses it from the second after it expires', async () => {
    const session = await auth.createPortalSession({ customerId: 'cus_1', permissions: ['read'], ttl: 60 });
    expect(session.expiresAt).toBe('2026-03-01T12:01:00.000Z');
    expect(await auth.verifySession(session.token)).toMatchObject({
      ok: true,
      session: { customerId: 'cus_1', permissions: ['read'] },
    });
    clock.advance({ seconds: 60 });
    expect(await auth.verifySession(session.token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed by an unknown key, another audience, a tampered payload and a revoked session', async () => {
    const stranger = createPortalAuth({ ...base, keys: [{ ...(await generatePortalKey({ kid: 'k1' })) }] });
    const foreign = await stranger.createPortalSession({ customerId: 'cus_1', permissions: ['read'] });
    expect(await auth.verifySession(foreign.token)).toEqual({ ok: false, reason: 'bad_signature' });
    const elsewhere = await auth.createPortalSession({
      customerId: 'cus_1',
      permissions: ['read'],
      audience: 'https://other.test',
    });
    expect(await auth.verifySession(elsewhere.token)).toEqual({ ok: false, reason: 'wrong_audience' });
    const session = await auth.createPortalSession({ customerId: 'cus_1', permissions: ['read'] });
    const [h, p, s] = session.token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), perm: ['read', 'pay'] }),
    ).toString('base64url');
    expect(await auth.verifySession(`${h}.${forged}.${s}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await auth.revokeSession({ sessionId: session.sessionId, expiresAt: new Date(session.expiresAt) })).toBe(
      true,
    );
    expect(await auth.verifySession(session.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await auth.verifySession('not.a.jwt')).toEqual({ ok: false, reason: 'malformed' });
    expect(await auth.verifySession(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('does not accept a magic-link token as a session, nor a session as a magic link', async () => {
    const link = await auth.createMagicLink({ customerId: 'cus_1', permissions: ['read'] });
    expect(await auth.verifySession(link.token)).toEqual({ ok: false, reason: 'wrong_type' });
    const session = await auth.createPortalSession({ customerId: 'cus_1', permissions: ['read'] });
    expect(await auth.redeemMagicLink(session.token)).toEqual({ ok: false, reason: 'wrong_type' });
  });

  it('spends a magic link exactly once, also when two redemptions race', async () => {
    const link = await auth.createMagicLink({ customerId: 'cus_1', permissions: ['read', 'pay'], sessionTtl: 600 });
    const outcomes = await Promise.all([auth.redeemMagicLink(link.token), auth.redeemMagicLink(link.token)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const won = outcomes.find((o) => o.ok);
    expect(won?.ok && won.session.permissions).toEqual(['read', 'pay']);
    expect(outcomes.find((o) => !o.ok)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('refuses sessions longer than the maximum and empty permissions', async () => {
    await expect(
      auth.createPortalSession({ customerId: 'cus_1', permissions: ['read'], ttl: 13 * 3600 }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['input', 'ttl'],
    });
    await expect(auth.createPortalSession({ customerId: 'cus_1', permissions: [] })).rejects.toMatchObject({
      path: ['input', 'permissions'],
    });
  });
});

describe('key rotation', () => {
  it('signs with the newest active key and keeps verifying tokens of the old one', async () => {
    const old = await generatePortalKey({ kid: 'old', alg: 'EdDSA' });
    const next = await generatePortalKey({ kid: 'new', alg: 'ES256', activeFrom: '2026-03-02T00:00:00Z' });
    const revocations = createMemoryRevocationStore({ clock });
    const before = createPortalAuth({ ...base, revocations, keys: [old] });
    const during = createPortalAuth({ ...base, revocations, keys: [old, next] });
    const oldToken = (await before.createPortalSession({ customerId: 'cus_1', permissions: ['read'], ttl: 7200 }))
      .token;
    // The new key is known everywhere but not active yet: still signs with the old one.
    const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString());
    expect(header((await during.createPortalSession({ customerId: 'cus_1', permissions: ['read'] })).token).kid).toBe(
      'old',
    );
    clock.set('2026-03-02T00:00:01Z');
    const newToken = (await during.createPortalSession({ customerId: 'cus_1', permissions: ['read'] })).token;
    expect(header(newToken)).toMatchObject({ kid: 'new', alg: 'ES256' });
    expect((await during.verifySession(newToken)).ok).toBe(true);
    // A verifier holding only the public half of the new key accepts it too.
    const publicOnly = { ...(next as Record<string, unknown>) };
    delete publicOnly.privateJwk;
    const verifier = createPortalAuth({ ...base, keys: [publicOnly as typeof next] });
    expect((await verifier.verifySession(newToken)).ok).toBe(true);
    // Once the old key is dropped its tokens are refused.
    expect(await verifier.verifySession(oldToken)).toMatchObject({ ok: false });
    clock.set('2026-03-01T12:00:00Z');
  });
});
