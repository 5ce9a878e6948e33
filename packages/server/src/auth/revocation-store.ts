import { type Clock, systemClock } from '@billfold/core';

/**
 * Where revoked session ids and spent magic-link ids are kept until the token would have expired anyway.
 * One instance needs nothing more than {@link createMemoryRevocationStore}; several instances behind a load
 * balancer need one shared store (a Redis `SET id 1 NX PXAT expiresAt`, or a table with a primary key on
 * `id` and a sweep of expired rows), or a sign-out on one instance is unknown to the others and a magic link
 * could be spent once per instance.
 */
export interface RevocationStore {
  /**
   * Marks a token id revoked until `expiresAt`. Atomic: when two calls race, exactly one returns `true`.
   * @returns `true` when the id was not revoked before (a magic link being spent the first time).
   */
  revoke(tokenId: string, expiresAt: Date): Promise<boolean>;
  /** Whether a token id is revoked. */
  isRevoked(tokenId: string): Promise<boolean>;
}

/**
 * A {@link RevocationStore} in this process's memory: fine for one instance (and tests); entries are dropped
 * once their token has expired, so memory stays bounded by the tokens alive.
 */
export function createMemoryRevocationStore(options: { readonly clock?: Clock } = {}): RevocationStore {
  const revoked = new Map<string, number>();
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  let sweptAt = 0;
  const sweep = () => {
    const t = now();
    // At most one sweep a minute: a revocation is O(1) on average however many tokens are alive.
    if (t - sweptAt < 60_000) return;
    sweptAt = t;
    for (const [id, until] of revoked) if (until <= t) revoked.delete(id);
  };
  return {
    async revoke(tokenId, expiresAt) {
      sweep();
      const until = revoked.get(tokenId);
      if (until !== undefined && until > now()) return false;
      revoked.set(tokenId, expiresAt.getTime());
      return true;
    },
    async isRevoked(tokenId) {
      const until = revoked.get(tokenId);
      return until !== undefined && until > now();
    },
  };
}
