import type { BillingErrorEvent } from './billing-error';
import type { BillingPaidEvent } from './billing-paid';
import type { BillingPlanChangedEvent } from './billing-plan-changed';
import type { BillingSessionExpiredEvent } from './billing-session-expired';

/** The events of the billing elements by name, for typed `addEventListener` on any element. */
export interface BillingEventMap {
  'billing-paid': BillingPaidEvent;
  'billing-plan-changed': BillingPlanChangedEvent;
  'billing-error': BillingErrorEvent;
  'billing-session-expired': BillingSessionExpiredEvent;
}

declare global {
  interface HTMLElementEventMap extends BillingEventMap {}
}
