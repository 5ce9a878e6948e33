import { createHmac } from 'node:crypto';

/**
 * A `Stripe-Signature` header as Stripe sends it: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, computed
 * here with Node's crypto, independently of the SDK that verifies it.
 */
export function stripeSignatureHeader(body: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
