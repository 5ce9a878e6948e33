import type { Clock } from '@billfold/core';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { PortalProblem } from '../http/problem';

const QUOTE_TYP = 'billfold-plan-quote+jwt';

/** The change a quote stands for: exactly what `POST …/change` will make. */
export const PlanQuoteSchema = z.object({
  customerId: z.string(),
  subscriptionId: z.string(),
  items: z.array(z.object({ priceId: z.string(), quantity: z.string() })),
  prorate: z.enum(['next_invoice', 'immediate', 'none']),
  /** The instant the change is prorated from: the preview's, so the confirmation prorates the same. */
  at: z.string(),
});

/** The change a quote stands for. */
export type PlanQuote = z.infer<typeof PlanQuoteSchema>;

/** Signs and checks plan-change quotes (HMAC, so a customer cannot alter the instant or the items). */
export interface QuoteSigner {
  sign(quote: PlanQuote): Promise<{ readonly quote: string; readonly expiresAt: string }>;
  /** @throws PortalProblem `conflict` for an expired, altered or foreign quote. */
  verify(token: string, expected: { readonly customerId: string; readonly subscriptionId: string }): Promise<PlanQuote>;
}

/**
 * Creates the quote signer. `secret` must be shared by every instance behind a load balancer (a quote made on
 * one is confirmed on another); without it a random one is made per process.
 */
export function createQuoteSigner(clock: Clock, ttlSeconds: number, secret?: Uint8Array): QuoteSigner {
  const key = secret ?? globalThis.crypto.getRandomValues(new Uint8Array(32));
  const refused = () =>
    new PortalProblem('conflict', 'This quote has expired or does not match: preview the change again.', {}, [
      'body',
      'quote',
    ]);
  return {
    async sign(quote) {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ q: quote })
        .setProtectedHeader({ alg: 'HS256', typ: QUOTE_TYP })
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
      return { quote: token, expiresAt: new Date((iat + ttlSeconds) * 1000).toISOString() };
    },
    async verify(token, expected) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          typ: QUOTE_TYP,
          algorithms: ['HS256'],
          currentDate: clock.now(),
        }));
      } catch {
        throw refused();
      }
      const parsed = PlanQuoteSchema.safeParse((payload as { q?: unknown }).q);
      if (!parsed.success) throw refused();
      if (parsed.data.customerId !== expected.customerId || parsed.data.subscriptionId !== expected.subscriptionId) {
        throw refused();
      }
      return parsed.data;
    },
  };
}
