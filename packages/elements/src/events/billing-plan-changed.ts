import type { SubscriptionChangeView } from '../api/portal-views';

/**
 * `billing-plan-changed`: the customer changed their plan (`change`) or cancelled (`cancel`). Bubbles and crosses
 * shadow roots; `result` is the portal's answer (the subscription after the change and any invoices it issued).
 */
export class BillingPlanChangedEvent extends Event {
  static readonly eventName = 'billing-plan-changed';

  constructor(
    readonly action: 'change' | 'cancel',
    readonly result: SubscriptionChangeView,
  ) {
    super(BillingPlanChangedEvent.eventName, { bubbles: true, composed: true });
  }
}
