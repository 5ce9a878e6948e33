/**
 * The provider side of the stand-ins: what Stripe's and PayPal's servers would know about payment intents, setup
 * intents and orders, kept in memory. The stand-in scripts change it through `/stand-in/*` requests (as Stripe.js
 * and PayPal's buttons talk to their providers), the stand-in flows read it on confirmation (as a gateway adapter
 * would ask the provider).
 *
 * Test cards, after Stripe's: `4242 4242 4242 4242` succeeds, `4000 0000 0000 0002` is declined,
 * `4000 0027 6000 3184` asks for 3-D Secure on every payment.
 */

/** What a card number does. */
export type CardBehaviour = 'succeeds' | 'declined' | 'authenticate';

/** The card numbers the stand-ins know and what they do (anything else is declined as invalid). */
export const TEST_CARDS: Readonly<Record<string, CardBehaviour>> = {
  '4242424242424242': 'succeeds',
  '4000000000000002': 'declined',
  '4000002760003184': 'authenticate',
};

/** Where a stand-in payment intent is. */
export type IntentStatus = 'requires_payment_method' | 'requires_action' | 'succeeded';

/** A stand-in Stripe payment intent or setup intent. */
export interface StandInIntent {
  readonly id: string;
  readonly clientSecret: string;
  readonly kind: 'payment' | 'setup';
  readonly customerId: string;
  status: IntentStatus;
  /** The card used (setup intents save it). */
  card?: string;
}

/** A stand-in PayPal order. */
export interface StandInOrder {
  readonly id: string;
  readonly customerId: string;
  status: 'created' | 'approved';
}

/** The provider's state and the moves the stand-in scripts make on it. */
export class StandInProvider {
  readonly intents = new Map<string, StandInIntent>();
  readonly orders = new Map<string, StandInOrder>();
  /** Cards saved by setup intents, for the flows to turn into payment methods. */
  readonly onCardSaved: ((customerId: string, card: string) => void)[] = [];
  #next = 0;

  /** A new id with a provider's prefix (`pi_3`, `seti_4`, `ORDER-5`). */
  nextId(prefix: string): string {
    this.#next += 1;
    return `${prefix}${String(this.#next).padStart(6, '0')}`;
  }

  createIntent(kind: 'payment' | 'setup', customerId: string, card?: string): StandInIntent {
    const id = this.nextId(kind === 'payment' ? 'pi_standin_' : 'seti_standin_');
    const intent: StandInIntent = {
      id,
      clientSecret: `${id}_secret_standin`,
      kind,
      customerId,
      status: card === undefined ? 'requires_payment_method' : 'requires_action',
      ...(card === undefined ? {} : { card }),
    };
    this.intents.set(intent.clientSecret, intent);
    return intent;
  }

  createOrder(customerId: string): StandInOrder {
    const order: StandInOrder = { id: this.nextId('ORDER-STANDIN-'), customerId, status: 'created' };
    this.orders.set(order.id, order);
    return order;
  }

  intentById(id: string): StandInIntent | undefined {
    for (const intent of this.intents.values()) if (intent.id === id) return intent;
    return undefined;
  }

  /** Stripe.js's confirmPayment / confirmSetup: the card decides. */
  confirmIntent(clientSecret: string, card: string): { status: string; id?: string; code?: string } {
    const intent = this.intents.get(clientSecret);
    if (intent === undefined) return { status: 'error', code: 'resource_missing' };
    const behaviour = TEST_CARDS[card.replace(/\s+/g, '')];
    if (behaviour === undefined) return { status: 'error', code: 'incorrect_number' };
    if (behaviour === 'declined') return { status: 'error', code: 'card_declined' };
    intent.card = card.replace(/\s+/g, '');
    if (behaviour === 'authenticate') {
      intent.status = 'requires_action';
      return { status: 'requires_action', id: intent.id };
    }
    return this.#succeed(intent);
  }

  /** The outcome of the 3-D Secure challenge. */
  authenticate(clientSecret: string, approved: boolean): { status: string; id?: string; code?: string } {
    const intent = this.intents.get(clientSecret);
    if (intent === undefined || intent.status !== 'requires_action')
      return { status: 'error', code: 'unexpected_state' };
    if (!approved) {
      intent.status = 'requires_payment_method';
      return { status: 'error', code: 'payment_intent_authentication_failure' };
    }
    return this.#succeed(intent);
  }

  approveOrder(orderId: string): boolean {
    const order = this.orders.get(orderId);
    if (order === undefined) return false;
    order.status = 'approved';
    return true;
  }

  #succeed(intent: StandInIntent): { status: string; id: string } {
    intent.status = 'succeeded';
    if (intent.kind === 'setup' && intent.card !== undefined) {
      for (const saved of this.onCardSaved) saved(intent.customerId, intent.card);
    }
    return { status: 'succeeded', id: intent.id };
  }
}
