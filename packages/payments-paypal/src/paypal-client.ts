import { BillingError, BillingErrorCode } from '@billfold/core';
import { gatewayError, retryAfterSeconds } from '@billfold/core/payments';
import type { ResolvedPaypalOptions } from './paypal-options';

/** A PayPal error body: `{ name, message, debug_id, details: [{ issue, description }] }`. */
export interface PaypalErrorBody {
  readonly name?: string;
  readonly message?: string;
  readonly debug_id?: string;
  readonly details?: readonly { readonly issue?: string; readonly description?: string }[];
}

/** An answer PayPal gave that was not a success, for callers that turn some of them into outcomes (declines). */
export class PaypalAnswer {
  constructor(
    readonly status: number,
    readonly body: PaypalErrorBody,
  ) {}
}

/** What a request sends. */
export interface PaypalCall {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** A JSON body, or its text when it must go byte for byte (webhook verification). */
  readonly body?: unknown;
  readonly rawJson?: string;
  /** Sent as `PayPal-Request-Id`: PayPal answers a repeat with what the first request did. */
  readonly requestId?: string;
}

/**
 * PayPal's REST API over `fetch`: an OAuth 2 client-credentials token (cached until shortly before it expires), JSON
 * bodies, `PayPal-Request-Id`, and failures as `BillingError`s: network failures, timeouts, 5xx and 429 are
 * `gateway_unavailable`, 404 is `not_found`, 4xx are returned to the caller as a {@link PaypalAnswer} to read.
 */
export class PaypalClient {
  #token: { value: string; expiresAt: number } | undefined;

  constructor(private readonly options: ResolvedPaypalOptions) {}

  #redact(text: string): string {
    return [this.options.clientSecret, this.options.clientId].reduce(
      (out, secret) => out.split(secret).join('[redacted]'),
      text,
    );
  }

  async #send(url: string, init: RequestInit, write: boolean): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      const reason =
        error instanceof Error ? this.#redact(error.name === 'TimeoutError' ? 'timed out' : error.message) : 'failed';
      throw gatewayError(`PayPal could not be reached: ${reason}`, {
        gateway: 'paypal',
        retryable: true,
        outcomeUnknown: write,
      });
    }
  }

  async #accessToken(): Promise<string> {
    const now = this.options.clock.now().getTime();
    if (this.#token !== undefined && this.#token.expiresAt > now) return this.#token.value;
    const basic = btoa(`${this.options.clientId}:${this.options.clientSecret}`);
    const response = await this.#send(
      `${this.options.baseUrl}/v1/oauth2/token`,
      {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      },
      false,
    );
    if (!response.ok)
      throw this.#failure(response, (await response.json().catch(() => ({}))) as PaypalErrorBody, false);
    const token = (await response.json()) as { access_token: string; expires_in: number };
    // Renewed a minute early, so a token never expires between check and use.
    this.#token = { value: token.access_token, expiresAt: now + Math.max(0, token.expires_in - 60) * 1000 };
    return token.access_token;
  }

  #failure(response: Response, body: PaypalErrorBody, write: boolean): BillingError {
    const status = response.status;
    const issue = body.details?.[0]?.issue ?? body.name;
    const failure = {
      gateway: 'paypal',
      httpStatus: status,
      ...(issue === undefined ? {} : { providerCode: issue }),
      ...(body.debug_id === undefined ? {} : { requestId: body.debug_id }),
    };
    const message = this.#redact(`${body.message ?? ''}${issue === undefined ? '' : ` (${issue})`}`);
    if (status === 429 || status >= 500) {
      const wait = retryAfterSeconds(response.headers.get('retry-after'), this.options.clock.now());
      return gatewayError(`PayPal answered ${status}: ${message}`, {
        ...failure,
        retryable: true,
        outcomeUnknown: write && status >= 500,
        ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
      });
    }
    if (status === 404) {
      return new BillingError(BillingErrorCode.notFound, `PayPal has no such object: ${message}`, {
        gateway: { ...failure, retryable: false, outcomeUnknown: false },
      });
    }
    return gatewayError(`PayPal refused the request (${status}): ${message}`, {
      ...failure,
      retryable: false,
      outcomeUnknown: false,
    });
  }

  /** Sends `call`; resolves the JSON answer (or `undefined` for 204), or a {@link PaypalAnswer} for a 4xx to read. */
  async request<T>(call: PaypalCall): Promise<T | PaypalAnswer> {
    const write = call.method !== 'GET';
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.#accessToken()}`,
      accept: 'application/json',
      ...(call.body === undefined && call.rawJson === undefined ? {} : { 'content-type': 'application/json' }),
      ...(call.requestId === undefined ? {} : { 'paypal-request-id': call.requestId }),
    };
    const body = call.rawJson ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    const response = await this.#send(
      `${this.options.baseUrl}${call.path}`,
      { method: call.method, headers, ...(body === undefined ? {} : { body }) },
      write,
    );
    if (response.status === 204) return undefined as T;
    const json = (await response.json().catch(() => ({}))) as unknown;
    if (response.ok) return json as T;
    if (response.status >= 400 && response.status < 500 && response.status !== 404 && response.status !== 429) {
      return new PaypalAnswer(response.status, json as PaypalErrorBody);
    }
    throw this.#failure(response, json as PaypalErrorBody, write);
  }

  /** The `BillingError` for a 4xx answer a caller did not turn into an outcome (`gateway_rejected`). */
  refusal(answer: PaypalAnswer): BillingError {
    return this.#failure(new Response(null, { status: answer.status }), answer.body, false);
  }

  /** Like {@link request}, but a 4xx is an error too. */
  async expect<T>(call: PaypalCall): Promise<T> {
    const answer = await this.request<T>(call);
    if (answer instanceof PaypalAnswer) throw this.refusal(answer);
    return answer;
  }
}
