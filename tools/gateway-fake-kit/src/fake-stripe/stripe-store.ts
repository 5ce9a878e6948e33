import type { FakeResponse } from '../loopback-fake';
import { OpenApiContract } from '../openapi-contract';
import { STRIPE_SPEC } from '../spec-files';
import type { FakeBalanceEntry } from './payouts';
import { type StripeObject, stripeError } from './stripe-objects';

/** What the next confirmed charge does, as a card test number would at Stripe. */
export type ChargeOutcome = 'decline_generic' | 'decline_soft' | 'decline_hard' | 'requires_action';

/** A form-encoded request body, parsed into nested values. */
export type Form = Record<string, unknown>;

/** The string at `key` of a form, if it is one. */
export const str = (form: Form, key: string): string | undefined =>
  typeof form[key] === 'string' ? (form[key] as string) : undefined;

let sharedContract: OpenApiContract | undefined;
/** One contract per test process: compiling Stripe's schemas takes a second or two. */
export function stripeContract(): OpenApiContract {
  sharedContract ??= new OpenApiContract([STRIPE_SPEC]);
  return sharedContract;
}

/**
 * What the fake Stripe keeps: its objects per resource, the webhook events it emitted (each checked against Stripe's
 * description) and the outcomes queued for the next charges.
 */
export class StripeStore {
  readonly customers = new Map<string, StripeObject>();
  readonly methods = new Map<string, StripeObject>();
  readonly intents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly setups = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  /** Balance transactions by id, with the payout that paid each out. */
  readonly balance = new Map<string, FakeBalanceEntry>();
  readonly payouts = new Map<string, StripeObject>();
  readonly events: StripeObject[] = [];
  readonly outcomes: ChargeOutcome[] = [];
  /** What each PaymentMethod made from a test card number does on every charge (see `STRIPE_TEST_CARDS`). */
  readonly cardOutcomes = new Map<string, ChargeOutcome>();
  /** Told of every event emitted (webhook deliveries). */
  readonly listeners: ((event: StripeObject) => void)[] = [];
  /** Where the fake answers, for the links it hands to the browser (the 3-D Secure step). */
  baseUrl = '';
  #sequence = 0;

  /**
   * @param now Unix seconds, from the test's clock.
   * @param violations Where departures from Stripe's description are reported (the loopback server's list).
   */
  constructor(
    readonly now: () => number,
    readonly violations: () => string[],
  ) {}

  /** A new id with Stripe's prefix for the kind (`pi`, `ch`, `evt` …). */
  id(prefix: string): string {
    this.#sequence += 1;
    return `${prefix}_fake${String(this.#sequence).padStart(8, '0')}`;
  }

  /** Records a webhook event of `type` about `object`, checked against Stripe's event and object schemas. */
  emit(type: string, object: StripeObject): void {
    const event = {
      id: this.id('evt'),
      object: 'event',
      api_version: '2020-08-27',
      created: this.now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const problems = this.violations();
    const contract = stripeContract();
    problems.push(...contract.checkSchema('event', event));
    const schema = String(object.object);
    if (schema !== 'dispute') problems.push(...contract.checkSchema(schema, event.data.object));
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** The stored PaymentIntent (a test's own step on one that does not exist is a bug in the test). */
  intent(id: string): StripeObject {
    const intent = this.intents.get(id);
    if (intent === undefined) throw new Error(`no PaymentIntent ${id}`);
    return intent;
  }
}

/** Stripe's 404 for an object it does not have. */
export function missing(kind: string, id: string): FakeResponse {
  return {
    status: 404,
    body: stripeError('invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing' }),
  };
}
