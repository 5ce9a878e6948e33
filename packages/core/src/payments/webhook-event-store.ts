import { type Clock, systemClock } from '../clock/clock';

/**
 * Where a webhook handler remembers the deliveries and events it has seen, so a replayed request is refused and
 * an event delivered twice is handled once. Keep it shared by every process that receives webhooks (a table with a
 * unique key, Redis `SET NX PX`); {@link createMemoryWebhookEventStore} suits one process and tests.
 */
export interface WebhookEventStore {
  /**
   * Remembers `key` until `expiresAt`. Resolves `true` when the key was new, `false` when it was already there:
   * atomic, so of two concurrent calls with one key exactly one gets `true`.
   */
  remember(key: string, expiresAt: Date): Promise<boolean>;
  /** Forgets `key`: an event whose handling failed, so that the provider's next delivery is handled. */
  forget(key: string): Promise<void>;
}

/**
 * A {@link WebhookEventStore} in memory, for one process and for tests; keys expire by `clock`.
 * @example
 * ```ts
 * const store = createMemoryWebhookEventStore();
 * await store.remember('event:stripe:evt_1', expiresAt); // true the first time, then false
 * ```
 */
export function createMemoryWebhookEventStore(clock: Clock = systemClock): WebhookEventStore {
  const expiries = new Map<string, number>();
  let nextSweep = 0;
  const sweep = (now: number) => {
    // Expired keys are dropped at most once per minute, in one pass.
    if (now < nextSweep) return;
    nextSweep = now + 60_000;
    for (const [key, expiry] of expiries) if (expiry <= now) expiries.delete(key);
  };
  return {
    async remember(key, expiresAt) {
      const now = clock.now().getTime();
      sweep(now);
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return false;
      expiries.set(key, expiresAt.getTime());
      return true;
    },
    async forget(key) {
      expiries.delete(key);
    },
  };
}
