import type { FakeRequest, FakeResponse } from '../loopback-fake';
import { stripeError } from './stripe-objects';

/**
 * Idempotency keys as Stripe keeps them: a POST with a key it has seen returns the stored answer with
 * `Idempotent-Replayed: true`; the same key with other parameters is a 400 `idempotency_error`.
 */
export class IdempotencyKeys {
  readonly #answers = new Map<string, { fingerprint: string; answer: FakeResponse }>();

  /** Answers `request` through `route` once per key; requests without a key (and reads) always go through. */
  answer(request: FakeRequest, route: (request: FakeRequest) => FakeResponse): FakeResponse {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return route(request);
    const fingerprint = `${request.path} ${JSON.stringify(request.body ?? {})}`;
    const stored = this.#answers.get(key);
    if (stored !== undefined) {
      if (stored.fingerprint !== fingerprint) {
        return {
          status: 400,
          body: stripeError(
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      return { ...stored.answer, headers: { ...stored.answer.headers, 'idempotent-replayed': 'true' } };
    }
    const answer = route(request);
    this.#answers.set(key, { fingerprint, answer });
    return answer;
  }
}
