import { gatewayError } from '../../payments/gateway-errors';
import type { GatewayEvent } from '../../payments/gateway-events';
import type { Decline, GatewayPayment, GatewayRefund, SavedPaymentMethod } from '../../payments/gateway-results';
import type { PaymentGateway } from '../../payments/payment-gateway';
import type { CreatePaymentRequest } from '../../payments/payment-requests';

/** What the scripted provider does with the next create request. */
export type ScriptedOutcome =
  | 'succeed'
  | 'decline_soft'
  | 'decline_hard'
  | 'requires_action'
  /** Charges, then the answer is lost (a timeout after the provider acted). */
  | 'lost_after_charge'
  /** No answer and nothing charged (a 503). */
  | 'unavailable';

const DECLINES: Record<'decline_soft' | 'decline_hard', Decline> = {
  decline_soft: { code: 'insufficient_funds', message: 'Your card has insufficient funds.', kind: 'soft' },
  decline_hard: { code: 'stolen_card', message: 'Your card was declined.', kind: 'hard' },
};

/**
 * A payment gateway in memory for the engine's tests: payments by idempotency key (a resend with the same key gets
 * the same payment back, as Stripe and PayPal do), outcomes scripted per request, a fee of 2.9 % + 0.30 rounded
 * half-up to the cent, and saved cards. Counts what it really charged.
 * @internal
 */
export class ScriptedGateway implements PaymentGateway {
  readonly capabilities = { manualCapture: false, findByIdempotencyKey: true, reportsFees: true };
  readonly outcomes: ScriptedOutcome[] = [];
  readonly payments = new Map<string, GatewayPayment>();
  readonly byKey = new Map<string, string>();
  /** Every create request, in order (resends included). */
  readonly requests: CreatePaymentRequest[] = [];
  readonly refunds: GatewayRefund[] = [];
  #sequence = 0;

  constructor(readonly name = 'test') {}

  /** The payments that took money. */
  charged(): GatewayPayment[] {
    return [...this.payments.values()].filter((payment) => payment.status === 'succeeded');
  }

  /** The provider's fee: 2.9 % + 0.30, half-up to the cent (amounts with two decimals). */
  static fee(amount: string): string {
    const [whole = '0', fraction = ''] = amount.split('.');
    const cents = BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2));
    const fee = (cents * 29n + 500n) / 1000n + 30n;
    return `${fee / 100n}.${String(fee % 100n).padStart(2, '0')}`;
  }

  async createPayment(request: CreatePaymentRequest): Promise<GatewayPayment> {
    this.requests.push(request);
    const known = this.byKey.get(request.idempotencyKey);
    if (known !== undefined) return this.payments.get(known) as GatewayPayment;
    const outcome = this.outcomes.shift() ?? 'succeed';
    if (outcome === 'unavailable') {
      throw gatewayError('503', { gateway: this.name, retryable: true, outcomeUnknown: true, httpStatus: 503 });
    }
    this.#sequence += 1;
    const id = `pi_${this.#sequence}`;
    const succeeded = outcome === 'succeed' || outcome === 'lost_after_charge';
    const payment: GatewayPayment = {
      gateway: this.name,
      id,
      status: succeeded ? 'succeeded' : outcome === 'requires_action' ? 'requires_action' : 'failed',
      amount: request.amount,
      amountCaptured: succeeded ? request.amount : '0.00',
      amountRefunded: '0.00',
      currency: request.currency,
      invoiceIds: request.invoiceIds ?? [],
      idempotencyKey: request.idempotencyKey,
      ...(succeeded ? { fee: { amount: ScriptedGateway.fee(request.amount), currency: request.currency } } : {}),
      ...(succeeded ? { chargeId: `ch_${this.#sequence}` } : {}),
      ...(outcome === 'decline_soft' || outcome === 'decline_hard' ? { decline: DECLINES[outcome] } : {}),
      ...(outcome === 'requires_action' ? { nextAction: { type: 'client_secret', clientSecret: `${id}_secret` } } : {}),
    };
    this.payments.set(id, payment);
    this.byKey.set(request.idempotencyKey, id);
    if (outcome === 'lost_after_charge') {
      throw gatewayError('timeout', { gateway: this.name, retryable: true, outcomeUnknown: true });
    }
    return payment;
  }

  async getPayment(paymentId: string): Promise<GatewayPayment> {
    const payment = this.payments.get(paymentId);
    if (payment === undefined)
      throw gatewayError('no such payment', { gateway: this.name, retryable: false, outcomeUnknown: false });
    return payment;
  }

  async findPayment({ idempotencyKey }: { idempotencyKey: string }): Promise<GatewayPayment | null> {
    const id = this.byKey.get(idempotencyKey);
    return id === undefined ? null : (this.payments.get(id) as GatewayPayment);
  }

  async capturePayment(): Promise<GatewayPayment> {
    throw new Error('not scripted');
  }

  async refundPayment(request: { paymentId: string; amount?: string; idempotencyKey: string }): Promise<GatewayRefund> {
    const known = this.refunds.find((refund) => refund.id === `re_${request.idempotencyKey}`);
    if (known !== undefined) return known;
    const payment = await this.getPayment(request.paymentId);
    const refund: GatewayRefund = {
      gateway: this.name,
      id: `re_${request.idempotencyKey}`,
      paymentId: payment.id,
      status: 'succeeded',
      amount: request.amount ?? payment.amount,
      currency: payment.currency,
    };
    this.refunds.push(refund);
    return refund;
  }

  async ensureCustomer({ customerId }: { customerId: string }) {
    return { gateway: this.name, reference: `gc_${customerId}` };
  }

  async setupPaymentMethod() {
    return { gateway: this.name, id: 'seti_1', status: 'requires_action' as const };
  }

  async completeSetup({ customerReference }: { customerReference: string }): Promise<SavedPaymentMethod> {
    return this.card(customerReference, 'setup');
  }

  async listPaymentMethods(customerReference: string): Promise<readonly SavedPaymentMethod[]> {
    return [this.card(customerReference, 'visa'), this.card(customerReference, 'master')];
  }

  async detachPaymentMethod(): Promise<void> {}

  async parseWebhook(): Promise<GatewayEvent> {
    throw new Error('events are applied directly in these tests');
  }

  /** A saved card of a provider customer: `pm_<kind>_<customerReference>`. */
  private card(customerReference: string, kind: string): SavedPaymentMethod {
    return {
      gateway: this.name,
      id: `pm_${kind}_${customerReference}`,
      customerReference,
      type: 'card',
      card: { brand: kind === 'master' ? 'mastercard' : 'visa', last4: kind === 'master' ? '4444' : '4242' },
    };
  }
}
