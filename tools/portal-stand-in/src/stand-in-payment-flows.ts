import { type Billing, BillingError, BillingErrorCode, type Invoice, money } from '@billfold/core';
import type { PaymentIntentView, PaymentMethodView, PortalPaymentFlows } from '@billfold/server';
import { type StandInProvider, TEST_CARDS } from './stand-in-provider';

/** A payment the flows started. */
interface StandInPayment {
  readonly view: PaymentIntentView;
  readonly customerId: string;
  readonly invoices: readonly Invoice[];
  /** The provider object behind it: a Stripe client secret or a PayPal order id. */
  readonly providerKey: string;
}

/** A saved card of the stand-in, with the card number that decides what paying with it does. */
interface SavedCard extends PaymentMethodView {
  readonly card: string;
}

/** Options of {@link createStandInPaymentFlows}. */
export interface StandInFlowsOptions {
  readonly billing: Billing;
  readonly provider: StandInProvider;
  /** The origin-relative or absolute base of the stand-in PayPal approval page (`/stand-in/paypal`). */
  readonly paypalApprovalBase: string;
  /** Customers whose gateway is "down": paying answers the portal's generic 500. */
  readonly failingCustomers?: ReadonlySet<string>;
}

/** The stand-in flows with hooks for tests and demos. */
export interface StandInPaymentFlows extends PortalPaymentFlows {
  /** Saves a card for a customer as if they had added it (`4000002760003184` for one that asks for 3-D Secure). */
  saveCard(customerId: string, card: string): PaymentMethodView;
}

const brandOf = (card: string) => (card.startsWith('4') ? 'visa' : card.startsWith('5') ? 'mastercard' : 'card');

/**
 * A test double of `PortalPaymentFlows` (the interface the payments wiring will implement over the Stripe and PayPal
 * gateways) over an in-memory stand-in provider: payments start as Stripe payment intents or PayPal orders, the
 * stand-in scripts move them on, and a confirmed payment is recorded in the engine (`payments.record` with
 * `card_external`, allocated to the paid invoices, idempotent by payment id) so the invoices really become paid.
 * Every lookup is scoped by customer, as the interface requires.
 */
export function createStandInPaymentFlows(options: StandInFlowsOptions): StandInPaymentFlows {
  const { billing, provider } = options;
  const payments = new Map<string, StandInPayment>();
  const byKey = new Map<string, PaymentIntentView>();
  const cards = new Map<string, SavedCard[]>();

  const cardsOf = (customerId: string) => {
    let saved = cards.get(customerId);
    if (saved === undefined) {
      saved = [];
      cards.set(customerId, saved);
    }
    return saved;
  };
  const saveCard = (customerId: string, card: string): PaymentMethodView => {
    const saved = cardsOf(customerId);
    const method: SavedCard = {
      id: provider.nextId('pm_standin_'),
      gateway: 'stripe',
      type: 'card',
      brand: brandOf(card),
      last4: card.slice(-4),
      expMonth: 12,
      expYear: 2030,
      isDefault: saved.length === 0,
      card,
    };
    saved.push(method);
    return viewOf(method);
  };
  provider.onCardSaved.push(saveCard);

  const settle = async (payment: StandInPayment): Promise<PaymentIntentView> => {
    const { view } = payment;
    await billing.payments.record({
      customerId: payment.customerId,
      amount: view.amount,
      currency: view.currency,
      method: 'card_external',
      reference: `${view.gateway}:${view.paymentId}`,
      allocations: payment.invoices.map((invoice) => ({ invoiceId: invoice.id, amount: invoice.amountRemaining })),
      idempotencyKey: `stand-in:${view.paymentId}`,
    });
    const settled = { ...view, status: 'succeeded' as const };
    payments.set(view.paymentId, { ...payment, view: settled });
    return settled;
  };

  return {
    saveCard,
    async payInvoices({ customerId, invoices, gateway = 'stripe', paymentMethodId, returnUrl, idempotencyKey }) {
      const replay = byKey.get(`${customerId}:${idempotencyKey}`);
      if (replay !== undefined) return replay;
      if (options.failingCustomers?.has(customerId)) throw new Error('stand-in gateway is down');
      if (gateway !== 'stripe' && gateway !== 'paypal') {
        throw new BillingError(BillingErrorCode.invalidInput, `No gateway ${gateway}`, { path: ['gateway'] });
      }
      const first = invoices[0] as Invoice;
      let total = money('0', first.currency);
      for (const invoice of invoices) total = total.add(money(invoice.amountRemaining, invoice.currency));
      const base = { gateway, amount: total.toString(), currency: first.currency };
      let payment: StandInPayment;
      if (gateway === 'paypal') {
        const order = provider.createOrder(customerId);
        const approval = new URL(`${options.paypalApprovalBase}/checkoutnow`, 'http://stand-in.invalid');
        approval.searchParams.set('token', order.id);
        if (returnUrl) approval.searchParams.set('return', returnUrl);
        const approvalUrl = options.paypalApprovalBase.startsWith('http')
          ? approval.href
          : `${approval.pathname}${approval.search}`;
        const view: PaymentIntentView = {
          paymentId: provider.nextId('pay_standin_'),
          ...base,
          status: 'requires_action',
          approvalUrl,
        };
        payment = { view, customerId, invoices, providerKey: order.id };
      } else {
        const saved =
          paymentMethodId === undefined ? undefined : cardsOf(customerId).find((m) => m.id === paymentMethodId);
        if (paymentMethodId !== undefined && saved === undefined) {
          throw new BillingError(BillingErrorCode.notFound, 'No such payment method', { path: ['paymentMethodId'] });
        }
        const intent = provider.createIntent('payment', customerId, saved?.card);
        const behaviour = saved === undefined ? undefined : TEST_CARDS[saved.card];
        const status = behaviour === 'declined' ? 'failed' : 'requires_action';
        const view: PaymentIntentView = {
          paymentId: provider.nextId('pay_standin_'),
          ...base,
          status,
          ...(status === 'requires_action' ? { clientSecret: intent.clientSecret } : {}),
        };
        payment = { view, customerId, invoices, providerKey: intent.clientSecret };
        if (behaviour === 'succeeds') {
          provider.confirmIntent(intent.clientSecret, saved?.card as string);
          payments.set(view.paymentId, payment);
          const settled = await settle(payment);
          byKey.set(`${customerId}:${idempotencyKey}`, settled);
          return settled;
        }
      }
      payments.set(payment.view.paymentId, payment);
      byKey.set(`${customerId}:${idempotencyKey}`, payment.view);
      return payment.view;
    },
    async confirmPayment({ customerId, paymentId }) {
      const payment = payments.get(paymentId);
      if (payment === undefined || payment.customerId !== customerId) return undefined;
      if (payment.view.status === 'succeeded') return payment.view;
      const paid =
        payment.view.gateway === 'paypal'
          ? provider.orders.get(payment.providerKey)?.status === 'approved'
          : provider.intents.get(payment.providerKey)?.status === 'succeeded';
      if (paid) return settle(payment);
      const intent = provider.intents.get(payment.providerKey);
      return { ...payment.view, status: intent?.status === 'requires_action' ? 'requires_action' : 'failed' };
    },
    async listPaymentMethods(customerId) {
      return cardsOf(customerId).map(viewOf);
    },
    async setupPaymentMethod({ customerId, gateway = 'stripe', returnUrl }) {
      if (gateway === 'paypal') {
        const order = provider.createOrder(customerId);
        const setupId = provider.nextId('setup_standin_');
        const back = returnUrl ? `&return=${encodeURIComponent(returnUrl)}` : '';
        return { setupId, gateway, approvalUrl: `${options.paypalApprovalBase}/vault?token=${order.id}${back}` };
      }
      const intent = provider.createIntent('setup', customerId);
      return { setupId: intent.id, gateway: 'stripe', clientSecret: intent.clientSecret };
    },
    async setDefaultPaymentMethod({ customerId, paymentMethodId }) {
      const saved = cardsOf(customerId);
      const chosen = saved.find((m) => m.id === paymentMethodId);
      if (chosen === undefined) return undefined;
      cards.set(
        customerId,
        saved.map((m) => ({ ...m, isDefault: m.id === paymentMethodId })),
      );
      return viewOf({ ...chosen, isDefault: true });
    },
    async removePaymentMethod({ customerId, paymentMethodId }) {
      const saved = cardsOf(customerId);
      const rest = saved.filter((m) => m.id !== paymentMethodId);
      if (rest.length === saved.length) return false;
      if (rest.length > 0 && !rest.some((m) => m.isDefault)) rest[0] = { ...(rest[0] as SavedCard), isDefault: true };
      cards.set(customerId, rest);
      return true;
    },
  };
}

function viewOf({ card: _card, ...view }: SavedCard): PaymentMethodView {
  return view;
}
