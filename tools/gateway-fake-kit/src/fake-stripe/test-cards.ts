import type { ChargeOutcome } from './stripe-store';

/** What a Stripe test card number is and does when a PaymentIntent is confirmed with it. */
export interface StripeTestCard {
  readonly brand: string;
  /** Absent: every charge succeeds. `requires_action`: every on-session charge asks for 3-D Secure. */
  readonly outcome?: ChargeOutcome;
}

/**
 * Stripe's test card numbers the fake knows, as Stripe's testing guide lists them (any future expiry, any CVC):
 * `4242 4242 4242 4242` succeeds, `4000 0000 0000 0002` is declined (`generic_decline`), `4000 0000 0000 9995` has
 * insufficient funds, `4000 0027 6000 3184` asks for 3-D Secure on every payment. Any other number is refused as
 * `incorrect_number`, as Stripe's test mode refuses real cards.
 */
export const STRIPE_TEST_CARDS: Readonly<Record<string, StripeTestCard>> = {
  '4242424242424242': { brand: 'visa' },
  '5555555555554444': { brand: 'mastercard' },
  '4000000000000002': { brand: 'visa', outcome: 'decline_generic' },
  '4000000000009995': { brand: 'visa', outcome: 'decline_soft' },
  '4000002760003184': { brand: 'visa', outcome: 'requires_action' },
};

/** The test card a typed number stands for (spaces ignored), or `undefined`. */
export function testCardOf(number: string): (StripeTestCard & { readonly last4: string }) | undefined {
  const digits = number.replace(/\s+/g, '');
  const card = STRIPE_TEST_CARDS[digits];
  return card === undefined ? undefined : { ...card, last4: digits.slice(-4) };
}
