import { type Clock, systemClock, validate } from '@billfold/core';
import { z } from 'zod';

/**
 * How to reach Stripe. Secrets come from the host's configuration or environment (`process.env.STRIPE_SECRET_KEY`),
 * never from code; the adapter never prints them, also not in errors.
 */
export const StripeGatewayOptionsSchema = z.strictObject({
  /** The secret API key (`sk_live_…`, or a restricted `rk_live_…`). */
  secretKey: z.string().min(1),
  /** The webhook endpoint's signing secret (`whsec_…`); needed by `parseWebhook`. */
  webhookSecret: z.string().min(1).optional(),
  /** Another API address (a loopback fake in tests, a proxy): host, port and protocol as the SDK takes them. */
  api: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      protocol: z.enum(['http', 'https']),
    })
    .optional(),
  /**
   * How often the SDK retries a failed request itself (connection errors, 409, 5xx), with the same idempotency key,
   * before the adapter reports `gateway_unavailable`; default 2.
   */
  maxNetworkRetries: z.number().int().min(0).max(5).default(2),
  /** Milliseconds before a request is given up (then `gateway_unavailable`, outcome unknown); default 30 s. */
  timeoutMs: z.number().int().min(1).max(120_000).default(30_000),
  /** How old a webhook signature may be; default 300 s, as Stripe recommends. */
  webhookToleranceSeconds: z.number().int().min(1).max(3600).default(300),
  /** Time for webhook tolerance and `Retry-After` dates; default the system clock. */
  clock: z.custom<Clock>((value) => typeof (value as Clock)?.now === 'function').optional(),
});

/** Options for `createStripeGateway`. */
export type StripeGatewayOptions = z.input<typeof StripeGatewayOptionsSchema>;

/** Options with defaults applied. */
export type ResolvedStripeOptions = z.output<typeof StripeGatewayOptionsSchema> & { clock: Clock };

/** Validates options (`invalid_input` at `["options", …]`; messages never echo the values). */
export function resolveStripeOptions(options: StripeGatewayOptions): ResolvedStripeOptions {
  const resolved = validate(StripeGatewayOptionsSchema, options, 'options');
  return { ...resolved, clock: resolved.clock ?? systemClock };
}
