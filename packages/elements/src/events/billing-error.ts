import type { BillingApiError } from '../api/billing-api-error';

/**
 * `billing-error`: a call to the portal failed (the element shows its own message and a way to try again).
 * `error.code` is the portal's problem code or `network` / `timeout`; `operation` names what was attempted
 * (`load-invoices`, `pay`, `change-plan`, …). Bubbles and crosses shadow roots: hosts log or report it.
 */
export class BillingErrorEvent extends Event {
  static readonly eventName = 'billing-error';

  constructor(
    readonly error: BillingApiError,
    readonly operation: string,
  ) {
    super(BillingErrorEvent.eventName, { bubbles: true, composed: true });
  }
}
