import { type Clock, systemClock } from '@billfold/core';

/** The outcome of counting one request against a limit. */
export interface RateLimitHit {
  readonly allowed: boolean;
  /** Requests left in the current window. */
  readonly remaining: number;
  /** When the window ends (ms since the epoch): `Retry-After` counts down to it. */
  readonly resetAt: number;
}

/**
 * Counts requests per key in fixed windows. One instance can use {@link createMemoryRateLimitStore}; several
 * instances behind a load balancer share one store (Redis `INCR` + `PEXPIRE`), or each allows the limit once.
 */
export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitHit>;
}

/** A limit: at most `limit` requests per `windowSeconds`. */
export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** A {@link RateLimitStore} in memory; windows that have ended are swept as new ones start. */
export function createMemoryRateLimitStore(
  options: { readonly clock?: Clock; readonly maxKeys?: number } = {},
): RateLimitStore {
  const clock = options.clock ?? systemClock;
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowMs) {
      const now = clock.now().getTime();
      let window = windows.get(key);
      if (window === undefined || window.resetAt <= now) {
        if (windows.size >= maxKeys) {
          for (const [old, w] of windows) if (w.resetAt <= now) windows.delete(old);
          // Still full of live windows: refuse new keys rather than grow without bound under a flood.
          if (windows.size >= maxKeys) return { allowed: false, remaining: 0, resetAt: now + windowMs };
        }
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count++;
      return { allowed: window.count <= limit, remaining: Math.max(0, limit - window.count), resetAt: window.resetAt };
    },
  };
}
