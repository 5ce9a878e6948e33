/**
 * What a gateway hands back: payments, refunds, setups and saved methods in Billfold's terms. Amounts are decimal
 * strings in major units of their currency; ids are the provider's.
 */

/** Where a payment stands at the provider. */
export type GatewayPaymentStatus =
  /** The customer must act in the browser (enter a card, approve at PayPal, pass 3-D Secure): see `nextAction`. */
  | 'requires_action'
  /** Authorized (Stripe manual capture) or approved by the buyer (PayPal): call `capturePayment` to take it. */
  | 'requires_capture'
  /** Accepted, the outcome follows by webhook (bank debits, pending reviews). */
  | 'processing'
  /** The money was taken. */
  | 'succeeded'
  /** Declined: see `decline`. A new attempt needs a new idempotency key. */
  | 'failed'
  /** Cancelled or expired before any money moved. */
  | 'canceled';

/**
 * What the customer's browser needs to finish a payment or setup. Hand it to the provider's own client library
 * (Stripe.js `confirmPayment` / `handleNextAction`, or a redirect to PayPal): card details never reach the host.
 */
export type NextAction =
  /** Stripe: the client secret for Stripe.js, which collects or authenticates the card. */
  | { readonly type: 'client_secret'; readonly clientSecret: string }
  /** PayPal: the page where the buyer approves. */
  | { readonly type: 'redirect'; readonly url: string };

/** Why a provider declined, in Billfold's terms. */
export interface Decline {
  /** The provider's decline code (`insufficient_funds`, `stolen_card`, `INSTRUMENT_DECLINED`). */
  readonly code: string;
  /** The provider's message, safe to show the customer. */
  readonly message: string;
  /**
   * `soft`: a later retry may succeed (insufficient funds, issuer unavailable, try again); `hard`: do not retry this
   * method (stolen or lost card, fraud, closed account, invalid number).
   */
  readonly kind: 'soft' | 'hard';
}

/** A fee the provider reported, in the currency it charges fees in (may differ from the payment's). */
export interface GatewayFee {
  readonly amount: string;
  readonly currency: string;
}

/** A payment at the provider. */
export interface GatewayPayment {
  /** The gateway that holds it (`stripe`, `paypal`). */
  readonly gateway: string;
  /** The provider's id: a Stripe PaymentIntent (`pi_…`), a PayPal order. */
  readonly id: string;
  readonly status: GatewayPaymentStatus;
  /** The amount asked for. */
  readonly amount: string;
  /** What was taken (less than `amount` after a partial capture; `"0"` until captured). */
  readonly amountCaptured: string;
  /** What was given back so far. */
  readonly amountRefunded: string;
  readonly currency: string;
  /** Set on `requires_action`. */
  readonly nextAction?: NextAction;
  /** Set on `failed`. */
  readonly decline?: Decline;
  /** The provider's fee for the payment, when it reports one. */
  readonly fee?: GatewayFee;
  /** The saved method charged, when one was. */
  readonly paymentMethodId?: string;
  /** The provider's id of the money movement itself (Stripe charge, PayPal capture), once there is one. */
  readonly chargeId?: string;
  /** The Billfold invoices the payment was made for, as sent. */
  readonly invoiceIds: readonly string[];
  /** The idempotency key that created the payment, as sent. */
  readonly idempotencyKey?: string;
}

/** A refund at the provider. */
export interface GatewayRefund {
  readonly gateway: string;
  readonly id: string;
  readonly paymentId: string;
  readonly status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  readonly amount: string;
  readonly currency: string;
}

/** A saved payment method, as a provider token: never a card number. */
export interface SavedPaymentMethod {
  readonly gateway: string;
  /** The token to charge off-session (Stripe `pm_…`, PayPal vault id). */
  readonly id: string;
  readonly customerReference: string;
  readonly type: 'card' | 'paypal' | 'other';
  /** What a customer recognises their card by (brand and last four digits are not card data under PCI DSS). */
  readonly card?: {
    readonly brand: string;
    readonly last4: string;
    readonly expMonth?: number;
    readonly expYear?: number;
  };
  /** The PayPal account's e-mail, for a PayPal wallet. */
  readonly email?: string;
}

/** A setup in progress: the customer finishes it in the browser, then {@link PaymentGateway.completeSetup}. */
export interface GatewaySetup {
  readonly gateway: string;
  /** The provider's id: a Stripe SetupIntent, a PayPal setup token. */
  readonly id: string;
  readonly status: 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  readonly nextAction?: NextAction;
}

/** The provider's customer record for a Billfold customer. */
export interface GatewayCustomer {
  readonly gateway: string;
  /** The provider's customer id (`cus_…`; PayPal: the vault customer id). */
  readonly reference: string;
}
