import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { FakeResponse } from '../loopback-fake';
import type { Json } from './paypal-store';

/**
 * PayPal's webhook signatures with the fake's own RSA key: deliveries are signed over
 * `transmissionId|time|webhookId|crc32(body)`, and `verify-webhook-signature` checks them against the key.
 */
export class WebhookSignatures {
  readonly #keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  constructor(readonly webhookId: string) {}

  /** The signature headers of a delivery of `body` (a stranger's key when `forged`). */
  sign(body: string, transmissionId: string, time: string, forged: boolean): Record<string, string> {
    const key = forged ? generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey : this.#keys.privateKey;
    const signature = createSign('sha256')
      .update(`${transmissionId}|${time}|${this.webhookId}|${crc32(body)}`)
      .sign(key, 'base64');
    return {
      'paypal-transmission-id': transmissionId,
      'paypal-transmission-time': time,
      'paypal-transmission-sig': signature,
      'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-fake',
      'paypal-auth-algo': 'SHA256withRSA',
    };
  }

  /** `POST /v1/notifications/verify-webhook-signature`. */
  verify(body: Json): FakeResponse {
    const event = JSON.stringify(body.webhook_event);
    const ok =
      body.webhook_id === this.webhookId &&
      createVerify('sha256')
        .update(`${body.transmission_id}|${body.transmission_time}|${body.webhook_id}|${crc32(event)}`)
        .verify(this.#keys.publicKey, String(body.transmission_sig), 'base64');
    return { status: 200, body: { verification_status: ok ? 'SUCCESS' : 'FAILURE' } };
  }
}
