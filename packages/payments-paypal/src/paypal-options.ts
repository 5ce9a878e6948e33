import { type Clock, systemClock, validate } from '@billfold/core';
import { z } from 'zod';

/** PayPal's API addresses. */
const BASE_URLS = { sandbox: 'https://api-m.sandbox.paypal.com', live: 'https://api-m.paypal.com' } as const;

/**
 * How to reach PayPal. Credentials come from the host's configuration or environment, never from code; the adapter
 * never prints them, also not in errors.
 */
export const PaypalGatewayOptionsSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** The id of the webhook PayPal delivers to, which `verify-webhook-signature` needs. */
  webhookId: z.string().min(1).optional(),
  /** `sandbox`, `live`, or another base URL (a loopback fake in tests, a proxy). */
  environment: z.union([z.enum(['sandbox', 'live']), z.strictObject({ baseUrl: z.url() })]).default('sandbox'),
  /** Milliseconds before a request is given up (then `gateway_unavailable`, outcome unknown); default 30 s. */
  timeoutMs: z.number().int().min(1).max(120_000).default(30_000),
  /** How old a webhook's transmission time may be; default 300 s. */
  webhookToleranceSeconds: z.number().int().min(1).max(3600).default(300),
  clock: z.custom<Clock>((value) => typeof (value as Clock)?.now === 'function').optional(),
});

/** Options for `createPaypalGateway`. */
export type PaypalGatewayOptions = z.input<typeof PaypalGatewayOptionsSchema>;

/** Options with defaults applied and the base URL resolved. */
export interface ResolvedPaypalOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId?: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly webhookToleranceSeconds: number;
  readonly clock: Clock;
}

/** Validates options (`invalid_input` at `["options", …]`; messages never echo the values). */
export function resolvePaypalOptions(options: PaypalGatewayOptions): ResolvedPaypalOptions {
  const o = validate(PaypalGatewayOptionsSchema, options, 'options');
  const baseUrl =
    typeof o.environment === 'string' ? BASE_URLS[o.environment] : o.environment.baseUrl.replace(/\/$/, '');
  return {
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    ...(o.webhookId === undefined ? {} : { webhookId: o.webhookId }),
    baseUrl,
    timeoutMs: o.timeoutMs,
    webhookToleranceSeconds: o.webhookToleranceSeconds,
    clock: o.clock ?? systemClock,
  };
}
