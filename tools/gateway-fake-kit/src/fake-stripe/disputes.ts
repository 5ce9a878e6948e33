import type { StripeObject } from './stripe-objects';
import type { StripeStore } from './stripe-store';

/** A dispute on a PaymentIntent's charge (`charge.dispute.created`); returns its id. */
export function openDispute(store: StripeStore, intentId: string): string {
  const intent = store.intent(intentId);
  const id = store.id('dp');
  const dispute = {
    id,
    object: 'dispute',
    amount: intent.amount_received,
    balance_transactions: [],
    charge: intent.latest_charge,
    created: store.now(),
    currency: intent.currency,
    evidence: {},
    evidence_details: { due_by: store.now() + 7 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: intent.id,
    reason: 'fraudulent',
    status: 'needs_response',
  };
  store.emit('charge.dispute.created', dispute);
  return id;
}

/** Closes a dispute (`charge.dispute.closed`) as won or lost. */
export function closeDispute(store: StripeStore, disputeId: string, outcome: 'won' | 'lost'): void {
  const opened = store.events.find((e) => (e.data as { object: StripeObject }).object.id === disputeId);
  if (opened === undefined) throw new Error(`no dispute ${disputeId}`);
  const dispute = { ...(opened.data as { object: StripeObject }).object, status: outcome };
  store.emit('charge.dispute.closed', dispute);
}
