import type { PaymentIntentView } from '../api/portal-views';

/**
 * `billing-paid`: a payment went through (`succeeded`) or was accepted and is settling (`processing`). Bubbles and
 * crosses shadow roots. The host may refresh its own views or thank the customer.
 * @example
 * ```ts
 * portal.addEventListener('billing-paid', (event) => analytics.track('paid', event.payment.amount));
 * ```
 */
export class BillingPaidEvent extends Event {
  static readonly eventName = 'billing-paid';

  constructor(
    /** The payment as the portal answered its confirmation. */
    readonly payment: PaymentIntentView,
    /** The invoices it pays. */
    readonly invoiceIds: readonly string[],
  ) {
    super(BillingPaidEvent.eventName, { bubbles: true, composed: true });
  }
}
