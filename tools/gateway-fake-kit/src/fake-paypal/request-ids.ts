import type { FakeRequest, FakeResponse } from '../loopback-fake';
import { type Json, type PaypalStore, unprocessable } from './paypal-store';

/**
 * `PayPal-Request-Id` as PayPal keeps it: a repeated id answers with the latest state of what the first request made
 * (orders, whatever the new body); the vault refuses an id reused for another request with 422
 * `PAYPAL_REQUEST_ID_PREVIOUSLY_USED`.
 */
export class RequestIds {
  readonly #answers = new Map<string, { fingerprint: string; answer: FakeResponse }>();

  constructor(readonly store: PaypalStore) {}

  /** Answers `request` through `route` once per request id; requests without one (and reads) always go through. */
  answer(request: FakeRequest, route: (request: FakeRequest) => FakeResponse): FakeResponse {
    const requestId = request.headers['paypal-request-id'];
    if (request.method !== 'POST' || requestId === undefined) return route(request);
    const fingerprint = `${request.path} ${request.rawBody}`;
    const stored = this.#answers.get(requestId);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint && request.path.startsWith('/v3/vault')) {
        return unprocessable(
          'The PayPal-Request-Id has already been used for another request.',
          'PAYPAL_REQUEST_ID_PREVIOUSLY_USED',
        );
      }
      const latest = stored.answer.body as Json | undefined;
      const order = typeof latest?.id === 'string' ? this.store.orders.get(latest.id) : undefined;
      return order === undefined ? stored.answer : { status: stored.answer.status, body: structuredClone(order) };
    }
    const answer = route(request);
    this.#answers.set(requestId, { fingerprint, answer });
    return answer;
  }
}
