import {
  BillingError,
  BillingErrorCode,
  type CapturePaymentRequest,
  CapturePaymentRequestSchema,
  type CompleteSetupRequest,
  CompleteSetupRequestSchema,
  type CreatePaymentRequest,
  CreatePaymentRequestSchema,
  type Decline,
  type EnsureCustomerRequest,
  EnsureCustomerRequestSchema,
  type FindPaymentRequest,
  FindPaymentRequestSchema,
  type GatewayCustomer,
  type GatewayEvent,
  type GatewayPayment,
  type GatewayRefund,
  type GatewaySetup,
  gatewayError,
  money,
  type PaymentGateway,
  ProviderIdSchema,
  type RefundPaymentRequest,
  RefundPaymentRequestSchema,
  type SavedPaymentMethod,
  type SetupPaymentMethodRequest,
  SetupPaymentMethodRequestSchema,
  validate,
  type WebhookRequest,
  WebhookRequestSchema,
  webhookInvalid,
} from '@billfold/core';

/**
 * The SANDBOX's test card tokens, in the manner of a provider's test mode: what a customer "types" into the sandbox's
 * hosted fields ({@link SandboxGateway.enterTestCard}). No card number exists anywhere; these are the whole card.
 */
export const SANDBOX_TEST_CARDS = {
  /** Every charge succeeds. */
  visa: 'tok_sandbox_visa',
  /** Declined `insufficient_funds` (soft) the first time each invoice is charged; the retry goes through. */
  insufficientFundsOnce: 'tok_sandbox_insufficient_funds_once',
  /** Every charge declined `stolen_card` (hard): the engine does not retry it. */
  stolenCard: 'tok_sandbox_stolen_card',
} as const;

/** One of {@link SANDBOX_TEST_CARDS}. */
export type SandboxTestCard = (typeof SANDBOX_TEST_CARDS)[keyof typeof SANDBOX_TEST_CARDS];

/** What each test card shows as its last four digits (a provider's test numbers end so). */
const LAST4: Readonly<Record<SandboxTestCard, string>> = {
  tok_sandbox_visa: '4242',
  tok_sandbox_insufficient_funds_once: '9995',
  tok_sandbox_stolen_card: '9979',
};

const INSUFFICIENT_FUNDS: Decline = {
  code: 'insufficient_funds',
  message: 'Your card has insufficient funds.',
  kind: 'soft',
};
const STOLEN_CARD: Decline = { code: 'stolen_card', message: 'Your card was declined.', kind: 'hard' };

/** A saved card in the sandbox, and whether it was detached. */
interface SandboxCard {
  readonly method: SavedPaymentMethod;
  readonly token: SandboxTestCard;
  detached: boolean;
}

/** A setup in the sandbox: started by the engine, finished by the customer's test card. */
interface SandboxSetup {
  readonly setup: GatewaySetup;
  readonly customerReference: string;
  token?: SandboxTestCard;
  /** The card the setup saved, once completed. */
  methodId?: string;
}

/**
 * An in-process SANDBOX payment gateway for the demo: no provider, no network, no money. It keeps core's
 * `PaymentGateway` contract as a real adapter does — every request validated with core's schemas, every create
 * request remembered by its idempotency key (the same key and parameters replay the same payment, other parameters
 * under a used key are refused as `gateway_rejected`), declines returned as `failed` payments with a code and
 * `soft`/`hard` kind, unknown ids `not_found` — so the engine's automatic charges, retries and the failed-payments
 * report run through it unchanged. Cards come from {@link SANDBOX_TEST_CARDS}. It answers every request at once and
 * sends no webhooks. Ids count up (`sbx_pay_000001`), so a demo run prints the same on every run.
 * @example
 * ```ts
 * const sandbox = new SandboxGateway();
 * const billing = createBilling({ storage, gateways: [sandbox] });
 * const setup = await billing.paymentMethods.setup({ customerId, idempotencyKey: `${customerId}:card` });
 * sandbox.enterTestCard(setup.id, SANDBOX_TEST_CARDS.visa); // what the customer's browser would do
 * await billing.paymentMethods.save({ customerId, setupId: setup.id });
 * ```
 */
export class SandboxGateway implements PaymentGateway {
  readonly name = 'sandbox';
  readonly capabilities = { manualCapture: true, findByIdempotencyKey: true, reportsFees: false };
  readonly #payments = new Map<string, GatewayPayment>();
  /** Payment id by the create request's idempotency key, with the parameters it was sent with. */
  readonly #byKey = new Map<string, { paymentId: string; fingerprint: string }>();
  readonly #refunds = new Map<string, GatewayRefund>();
  readonly #customers = new Map<string, GatewayCustomer>();
  readonly #setups = new Map<string, SandboxSetup>();
  readonly #cards = new Map<string, SandboxCard>();
  /** Invoice sets an `insufficientFundsOnce` card has already been declined for. */
  readonly #declinedOnce = new Set<string>();
  #sequence = 0;

  /** How many payments took money (succeeded or captured): a replay under a known key adds none. */
  get chargesMade(): number {
    return [...this.#payments.values()].filter((payment) => payment.status === 'succeeded').length;
  }

  /**
   * SANDBOX ONLY: what the customer's browser does in a provider's hosted fields — enters a test card for a setup
   * the engine started. {@link completeSetup} then saves it.
   * @throws BillingError `not_found` for an unknown setup.
   */
  enterTestCard(setupId: string, card: SandboxTestCard): void {
    const setup = this.#setups.get(setupId);
    if (setup === undefined) throw this.#notFound('setup', setupId);
    setup.token = card;
  }

  async createPayment(input: CreatePaymentRequest): Promise<GatewayPayment> {
    const request = validate(CreatePaymentRequestSchema, input, 'request');
    const fingerprint = JSON.stringify({ ...request, idempotencyKey: undefined });
    const known = this.#byKey.get(request.idempotencyKey);
    if (known !== undefined) {
      if (known.fingerprint !== fingerprint) {
        throw gatewayError('Sandbox: idempotency key reused with other parameters', {
          gateway: this.name,
          retryable: false,
          outcomeUnknown: false,
          httpStatus: 400,
          providerCode: 'idempotency_error',
        });
      }
      return this.#payment(known.paymentId);
    }
    const card = request.paymentMethodId === undefined ? undefined : this.#cards.get(request.paymentMethodId);
    if (request.paymentMethodId !== undefined && (card === undefined || card.detached)) {
      throw this.#notFound('payment method', request.paymentMethodId);
    }
    if (card !== undefined && request.customerReference !== card.method.customerReference) {
      throw gatewayError('Sandbox: the payment method belongs to another customer', {
        gateway: this.name,
        retryable: false,
        outcomeUnknown: false,
        httpStatus: 400,
      });
    }
    const id = this.#nextId('pay');
    const base = {
      gateway: this.name,
      id,
      amount: request.amount,
      amountRefunded: '0',
      currency: request.currency,
      invoiceIds: request.invoiceIds,
      idempotencyKey: request.idempotencyKey,
      ...(card === undefined ? {} : { paymentMethodId: card.method.id }),
    };
    let payment: GatewayPayment;
    const decline = card === undefined ? undefined : this.#decline(card.token, request.invoiceIds);
    if (card === undefined) {
      // On session without a saved card: the customer enters one in the browser first.
      payment = {
        ...base,
        status: 'requires_action',
        amountCaptured: '0',
        nextAction: { type: 'client_secret', clientSecret: `${id}_secret_sandbox` },
      };
    } else if (decline !== undefined) {
      payment = { ...base, status: 'failed', amountCaptured: '0', decline };
    } else if (request.capture === 'manual') {
      payment = { ...base, status: 'requires_capture', amountCaptured: '0' };
    } else {
      payment = { ...base, status: 'succeeded', amountCaptured: request.amount, chargeId: this.#nextId('ch') };
    }
    this.#payments.set(id, payment);
    this.#byKey.set(request.idempotencyKey, { paymentId: id, fingerprint });
    return payment;
  }

  async getPayment(paymentId: string): Promise<GatewayPayment> {
    return this.#payment(validate(ProviderIdSchema, paymentId, 'paymentId'));
  }

  async capturePayment(input: CapturePaymentRequest): Promise<GatewayPayment> {
    const request = validate(CapturePaymentRequestSchema, input, 'request');
    const payment = this.#payment(request.paymentId);
    if (payment.status === 'succeeded') return payment;
    const amount = money(request.amount ?? payment.amount, payment.currency);
    if (payment.status !== 'requires_capture' || amount.compare(money(payment.amount, payment.currency)) > 0) {
      throw gatewayError(`Sandbox: payment ${payment.id} cannot be captured for ${amount.toString()}`, {
        gateway: this.name,
        retryable: false,
        outcomeUnknown: false,
        httpStatus: 400,
      });
    }
    const captured: GatewayPayment = {
      ...payment,
      status: 'succeeded',
      amountCaptured: amount.toString(),
      chargeId: this.#nextId('ch'),
    };
    this.#payments.set(payment.id, captured);
    return captured;
  }

  async refundPayment(input: RefundPaymentRequest): Promise<GatewayRefund> {
    const request = validate(RefundPaymentRequestSchema, input, 'request');
    const known = this.#refunds.get(request.idempotencyKey);
    if (known !== undefined) return known;
    const payment = this.#payment(request.paymentId);
    const left = money(payment.amountCaptured, payment.currency).subtract(
      money(payment.amountRefunded, payment.currency),
    );
    const amount = request.amount === undefined ? left : money(request.amount, payment.currency);
    if (payment.status !== 'succeeded' || amount.isZero() || amount.compare(left) > 0) {
      throw gatewayError(`Sandbox: payment ${payment.id} has ${left.toString()} left to refund`, {
        gateway: this.name,
        retryable: false,
        outcomeUnknown: false,
        httpStatus: 400,
      });
    }
    const refund: GatewayRefund = {
      gateway: this.name,
      id: this.#nextId('re'),
      paymentId: payment.id,
      status: 'succeeded',
      amount: amount.toString(),
      currency: payment.currency,
    };
    this.#payments.set(payment.id, {
      ...payment,
      amountRefunded: money(payment.amountRefunded, payment.currency).add(amount).toString(),
    });
    this.#refunds.set(request.idempotencyKey, refund);
    return refund;
  }

  async findPayment(input: FindPaymentRequest): Promise<GatewayPayment | null> {
    const request = validate(FindPaymentRequestSchema, input, 'request');
    const known = this.#byKey.get(request.idempotencyKey);
    if (known === undefined) return null;
    const payment = this.#payment(known.paymentId);
    const owner = payment.paymentMethodId === undefined ? undefined : this.#cards.get(payment.paymentMethodId);
    if (request.customerReference !== undefined && owner?.method.customerReference !== request.customerReference) {
      return null;
    }
    return payment;
  }

  async ensureCustomer(input: EnsureCustomerRequest): Promise<GatewayCustomer> {
    const request = validate(EnsureCustomerRequestSchema, input, 'request');
    const known = this.#customers.get(request.idempotencyKey);
    if (known !== undefined) return known;
    const customer: GatewayCustomer = { gateway: this.name, reference: this.#nextId('cus') };
    this.#customers.set(request.idempotencyKey, customer);
    return customer;
  }

  async setupPaymentMethod(input: SetupPaymentMethodRequest): Promise<GatewaySetup> {
    const request = validate(SetupPaymentMethodRequestSchema, input, 'request');
    this.#requireCustomer(request.customerReference);
    const known = this.#setups.get(request.idempotencyKey);
    if (known !== undefined) return known.setup;
    const id = this.#nextId('seti');
    const setup: GatewaySetup = {
      gateway: this.name,
      id,
      status: 'requires_action',
      nextAction: { type: 'client_secret', clientSecret: `${id}_secret_sandbox` },
    };
    const entry = { setup, customerReference: request.customerReference };
    this.#setups.set(request.idempotencyKey, entry);
    this.#setups.set(id, entry);
    return setup;
  }

  async completeSetup(input: CompleteSetupRequest): Promise<SavedPaymentMethod> {
    const request = validate(CompleteSetupRequestSchema, input, 'request');
    const setup = this.#setups.get(request.setupId);
    if (setup === undefined || setup.setup.id !== request.setupId) throw this.#notFound('setup', request.setupId);
    if (setup.customerReference !== request.customerReference || setup.token === undefined) {
      throw gatewayError(`Sandbox: setup ${request.setupId} is not finished for this customer`, {
        gateway: this.name,
        retryable: false,
        outcomeUnknown: false,
        httpStatus: 400,
      });
    }
    if (setup.methodId !== undefined) return (this.#cards.get(setup.methodId) as SandboxCard).method;
    const method: SavedPaymentMethod = {
      gateway: this.name,
      id: this.#nextId('pm'),
      customerReference: setup.customerReference,
      type: 'card',
      card: { brand: 'visa', last4: LAST4[setup.token], expMonth: 12, expYear: 2030 },
    };
    this.#cards.set(method.id, { method, token: setup.token, detached: false });
    setup.methodId = method.id;
    return method;
  }

  async listPaymentMethods(customerReference: string): Promise<readonly SavedPaymentMethod[]> {
    const reference = validate(ProviderIdSchema, customerReference, 'customerReference');
    this.#requireCustomer(reference);
    return [...this.#cards.values()]
      .filter((card) => !card.detached && card.method.customerReference === reference)
      .map((card) => card.method);
  }

  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    const id = validate(ProviderIdSchema, paymentMethodId, 'paymentMethodId');
    const card = this.#cards.get(id);
    if (card === undefined) throw this.#notFound('payment method', id);
    card.detached = true;
  }

  async parseWebhook(input: WebhookRequest): Promise<GatewayEvent> {
    validate(WebhookRequestSchema, input, 'request');
    throw webhookInvalid('The sandbox gateway answers every request at once and sends no webhooks');
  }

  /** The decline a test card gives for a charge of `invoiceIds`, or none. */
  #decline(token: SandboxTestCard, invoiceIds: readonly string[]): Decline | undefined {
    if (token === SANDBOX_TEST_CARDS.stolenCard) return STOLEN_CARD;
    if (token !== SANDBOX_TEST_CARDS.insufficientFundsOnce) return undefined;
    const invoices = [...invoiceIds].sort().join(',');
    if (this.#declinedOnce.has(invoices)) return undefined;
    this.#declinedOnce.add(invoices);
    return INSUFFICIENT_FUNDS;
  }

  #payment(paymentId: string): GatewayPayment {
    const payment = this.#payments.get(paymentId);
    if (payment === undefined) throw this.#notFound('payment', paymentId);
    return payment;
  }

  #requireCustomer(reference: string): void {
    if (![...this.#customers.values()].some((customer) => customer.reference === reference)) {
      throw this.#notFound('customer', reference);
    }
  }

  #notFound(kind: string, id: string): BillingError {
    return new BillingError(BillingErrorCode.notFound, `The sandbox gateway has no ${kind} "${id}"`);
  }

  #nextId(prefix: string): string {
    this.#sequence += 1;
    return `sbx_${prefix}_${String(this.#sequence).padStart(6, '0')}`;
  }
}
