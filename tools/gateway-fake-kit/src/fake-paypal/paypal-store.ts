import type { FakeResponse } from '../loopback-fake';
import { OpenApiContract } from '../openapi-contract';
import { PAYPAL_SPECS } from '../spec-files';

/** What the next vaulted charge does. */
export type PaypalOutcome = 'decline_soft' | 'decline_hard' | 'requires_action';

/** A PayPal object as the fake keeps and returns it. */
export type Json = Record<string, unknown>;

/** PayPal's money object. */
export const money = (currency: string, value: string) => ({ currency_code: currency, value });

/** PayPal's 422 bodies carry one fixed message; the issue says what went wrong. */
const UNPROCESSABLE =
  'The requested action could not be performed, semantically incorrect, or failed business validation.';

/** A PayPal error body: its name, message and, given an issue, the detail that names it. */
export const paypalError = (name: string, message: string, issue?: string) => ({
  name,
  message: name === 'UNPROCESSABLE_ENTITY' ? UNPROCESSABLE : message,
  debug_id: 'fakedebug1',
  ...(issue === undefined ? {} : { details: [{ issue, description: message }] }),
});

/** PayPal's 404 for an order, capture or token it does not have. */
export const notFound = (message = 'The specified resource does not exist.'): FakeResponse => ({
  status: 404,
  body: paypalError('RESOURCE_NOT_FOUND', message, 'INVALID_RESOURCE_ID'),
});

/** PayPal's 422 with its issue. */
export const unprocessable = (message: string, issue: string): FakeResponse => ({
  status: 422,
  body: paypalError('UNPROCESSABLE_ENTITY', message, issue),
});

let sharedContract: OpenApiContract | undefined;
/** One contract per test process: PayPal's descriptions compile once. */
export function paypalContract(): OpenApiContract {
  sharedContract ??= new OpenApiContract(PAYPAL_SPECS);
  return sharedContract;
}

/** The captures of an order's (only) purchase unit. */
export function capturesOf(order: Json): Json[] {
  const unit = (order.purchase_units as Json[])[0] as Json;
  return ((unit.payments as Json | undefined)?.captures as Json[] | undefined) ?? [];
}

/**
 * What the fake PayPal keeps: orders, vault setup and payment tokens, the webhook events it emitted (each checked
 * against PayPal's description) and the outcomes queued for the next vaulted charges.
 */
export class PaypalStore {
  readonly orders = new Map<string, Json>();
  readonly tokens = new Map<string, Json>();
  readonly setups = new Map<string, Json>();
  readonly events: Json[] = [];
  readonly outcomes: PaypalOutcome[] = [];
  /** Told of every event emitted (webhook deliveries). */
  readonly listeners: ((event: Json) => void)[] = [];
  #sequence = 0;

  /**
   * @param now The test's clock.
   * @param violations Where departures from PayPal's description are reported (the loopback server's list).
   */
  constructor(
    readonly now: () => Date,
    readonly violations: () => string[],
  ) {}

  /** A new id with PayPal's prefix for the kind (`ORDER`, `CAP`, `WH-` …). */
  id(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}${String(this.#sequence).padStart(14, '0')}`;
  }

  /** Records a webhook event of `type` about `resource`, checked against PayPal's event schema. */
  emit(type: string, resource: Json): void {
    const event = {
      id: this.id('WH-'),
      create_time: this.now().toISOString(),
      resource_type: type.startsWith('PAYMENT.CAPTURE.REFUNDED') ? 'refund' : 'capture',
      event_version: '1.0',
      event_type: type,
      summary: type,
      resource: structuredClone(resource),
      links: [],
    };
    this.violations().push(...paypalContract().checkSchema('event', event, 3));
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}
