/**
 * What a payment gateway adapter implements (Stripe, or the built-in manual gateway for cash, cheque and
 * bank transfer). Billfold never sees card numbers: the gateway's hosted fields or redirect collect them,
 * Billfold keeps only the gateway's tokens.
 */
export interface PaymentGateway {
  /** A stable name (`manual`, `stripe`). */
  readonly name: string;
  /**
   * Charges an amount for invoices. The gateway must treat `idempotencyKey` so that a replay charges once.
   * Amounts are decimal strings in major units.
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /** Gives back all or part of a charge, idempotently by `idempotencyKey`. */
  refund(request: RefundRequest): Promise<RefundResult>;
}

/** A request to take money from a customer's stored payment method. */
export interface ChargeRequest {
  readonly customerId: string;
  /** The gateway's token for the customer's payment method (never a card number). */
  readonly paymentMethodToken?: string;
  readonly amount: string;
  readonly currency: string;
  readonly invoiceIds: readonly string[];
  readonly idempotencyKey: string;
}

/** What a charge attempt came to. `requires_action` means the customer must confirm (3-D Secure, a redirect). */
export interface ChargeResult {
  readonly status: 'succeeded' | 'pending' | 'failed' | 'requires_action';
  /** The gateway's id for the charge. */
  readonly reference?: string;
  readonly failureCode?: string;
  readonly failureMessage?: string;
  /** Where to send the customer for `requires_action`. */
  readonly actionUrl?: string;
}

/** A request to refund a charge. */
export interface RefundRequest {
  readonly reference: string;
  readonly amount: string;
  readonly currency: string;
  readonly idempotencyKey: string;
}

/** What a refund came to. */
export interface RefundResult {
  readonly status: 'succeeded' | 'pending' | 'failed';
  readonly reference?: string;
}
