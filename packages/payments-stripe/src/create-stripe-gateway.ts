import { BillingError, BillingErrorCode, validate } from '@billfold/core';
import {
  CapturePaymentRequestSchema,
  CompleteSetupRequestSchema,
  CreatePaymentRequestSchema,
  EnsureCustomerRequestSchema,
  FindPaymentRequestSchema,
  instrumentGateway,
  type GatewayPayment,
  type GatewaySetup,
  type PaymentGateway,
  ProviderIdSchema,
  RefundPaymentRequestSchema,
  SetupPaymentMethodRequestSchema,
  WebhookRequestSchema,
} from '@billfold/core/payments';
import Stripe from 'stripe';
import { toStripeAmount } from './stripe-currencies';
import { stripeDecline } from './stripe-declines';
import { isStripeSdkError, stripeFailure } from './stripe-errors';
import { resolveStripeOptions, type StripeGatewayOptions } from './stripe-options';
import { METADATA, toGatewayPayment, toGatewayRefund, toSavedMethod } from './stripe-payment';
import { stripePayouts } from './stripe-payouts';
import { toGatewayEvent, verifyStripeEvent } from './stripe-webhook';

/** Expanded on every PaymentIntent read, for the fee and the amount refunded. */
const EXPAND = ['latest_charge.balance_transaction'];

/**
 * A {@link PaymentGateway} over the official `stripe` SDK: PaymentIntents (on- and off-session, manual capture),
 * Refunds, Customers, SetupIntents and PaymentMethods, and signed webhooks. Amounts go to Stripe in its minor units
 * (zero-decimal JPY, three-decimal KWD in steps of ten, ISK in whole krónur); idempotency keys are the caller's.
 * @example
 * ```ts
 * const stripe = createStripeGateway({ secretKey: process.env.STRIPE_SECRET_KEY!, webhookSecret: process.env.STRIPE_WEBHOOK_SECRET });
 * const payment = await stripe.createPayment({ amount: '19.99', currency: 'EUR', customerId: 'cus_1',
 *   customerReference: 'cus_Q1', paymentMethodId: 'pm_1', session: 'off_session', idempotencyKey: 'inv_1:attempt:1' });
 * ```
 */
export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const config = resolveStripeOptions(options);
  const secrets = [config.secretKey, config.webhookSecret ?? ''];
  const stripe = new Stripe(config.secretKey, {
    maxNetworkRetries: config.maxNetworkRetries,
    timeout: config.timeoutMs,
    telemetry: false,
    appInfo: { name: 'Billfold' },
    ...(config.api === undefined
      ? {}
      : { host: config.api.host, port: config.api.port, protocol: config.api.protocol }),
  });
  const call = async <T>(write: boolean, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw stripeFailure(error, write, config.clock, secrets);
    }
  };

  return instrumentGateway({
    name: 'stripe',
    capabilities: { manualCapture: true, findByIdempotencyKey: true, reportsFees: true },
    ...stripePayouts(stripe, call),

    async createPayment(input) {
      const request = validate(CreatePaymentRequestSchema, input, 'request');
      const offSession = request.session === 'off_session';
      const params: Stripe.PaymentIntentCreateParams = {
        amount: toStripeAmount(request.amount, request.currency, ['request', 'amount']),
        currency: request.currency.toLowerCase(),
        capture_method: request.capture,
        metadata: {
          [METADATA.customerId]: request.customerId,
          [METADATA.invoiceIds]: request.invoiceIds.join(','),
          [METADATA.idempotencyKey]: request.idempotencyKey,
        },
        expand: EXPAND,
        ...(request.customerReference === undefined ? {} : { customer: request.customerReference }),
        ...(request.description === undefined ? {} : { description: request.description }),
        ...(request.paymentMethodId === undefined
          ? { automatic_payment_methods: { enabled: true } }
          : { payment_method: request.paymentMethodId, confirm: true }),
        ...(offSession ? { off_session: true } : {}),
        ...(request.returnUrl === undefined || request.paymentMethodId === undefined
          ? {}
          : { return_url: request.returnUrl }),
      };
      try {
        const intent = await stripe.paymentIntents.create(params, { idempotencyKey: request.idempotencyKey });
        return toGatewayPayment(intent);
      } catch (error) {
        // A decline is an outcome, not an error: Stripe answers 402 with the PaymentIntent it declined.
        if (isStripeSdkError(error) && error.type === 'StripeCardError')
          return declined(error as Stripe.errors.StripeCardError);
        throw stripeFailure(error, true, config.clock, secrets);
      }
    },

    async getPayment(paymentId) {
      const id = validate(ProviderIdSchema, paymentId, 'paymentId');
      return toGatewayPayment(await call(false, () => stripe.paymentIntents.retrieve(id, { expand: EXPAND })));
    },

    async capturePayment(input) {
      const request = validate(CapturePaymentRequestSchema, input, 'request');
      const intent = await call(true, () =>
        stripe.paymentIntents.capture(
          request.paymentId,
          {
            expand: EXPAND,
            ...(request.amount === undefined
              ? {}
              : { amount_to_capture: toStripeAmount(request.amount, request.currency, ['request', 'amount']) }),
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      return toGatewayPayment(intent);
    },

    async refundPayment(input) {
      const request = validate(RefundPaymentRequestSchema, input, 'request');
      const refund = await call(true, () =>
        stripe.refunds.create(
          {
            payment_intent: request.paymentId,
            ...(request.amount === undefined
              ? {}
              : { amount: toStripeAmount(request.amount, request.currency, ['request', 'amount']) }),
            ...(request.reason === undefined ? {} : { reason: request.reason }),
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      return toGatewayRefund(refund, request.paymentId);
    },

    async findPayment(input) {
      const request = validate(FindPaymentRequestSchema, input, 'request');
      // The key's characters are restricted by the schema, so it cannot break out of the quoted search value.
      const found = await call(false, () =>
        stripe.paymentIntents.search({ query: `metadata['${METADATA.idempotencyKey}']:'${request.idempotencyKey}'` }),
      );
      let intent = found.data[0];
      // Search is eventually consistent (about a minute): a fresh payment is found by listing the customer's.
      if (intent === undefined && request.customerReference !== undefined) {
        const listed = await call(false, () =>
          stripe.paymentIntents.list({ customer: request.customerReference, limit: 100 }),
        );
        intent = listed.data.find((pi) => pi.metadata?.[METADATA.idempotencyKey] === request.idempotencyKey);
      }
      if (intent === undefined) return null;
      const id = intent.id;
      return toGatewayPayment(await call(false, () => stripe.paymentIntents.retrieve(id, { expand: EXPAND })));
    },

    async ensureCustomer(input) {
      const request = validate(EnsureCustomerRequestSchema, input, 'request');
      const customer = await call(true, () =>
        stripe.customers.create(
          {
            metadata: { [METADATA.customerId]: request.customerId },
            ...(request.email === undefined ? {} : { email: request.email }),
            ...(request.name === undefined ? {} : { name: request.name }),
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      return { gateway: 'stripe', reference: customer.id };
    },

    async setupPaymentMethod(input) {
      const request = validate(SetupPaymentMethodRequestSchema, input, 'request');
      const setup = await call(true, () =>
        stripe.setupIntents.create(
          {
            customer: request.customerReference,
            usage: 'off_session',
            metadata: { [METADATA.customerId]: request.customerId },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      const status: GatewaySetup['status'] =
        setup.status === 'succeeded' ? 'succeeded' : setup.status === 'canceled' ? 'canceled' : 'requires_action';
      return {
        gateway: 'stripe',
        id: setup.id,
        status,
        ...(status === 'requires_action' && setup.client_secret !== null
          ? { nextAction: { type: 'client_secret', clientSecret: setup.client_secret } }
          : {}),
      };
    },

    async completeSetup(input) {
      const request = validate(CompleteSetupRequestSchema, input, 'request');
      const setup = await call(false, () =>
        stripe.setupIntents.retrieve(request.setupId, { expand: ['payment_method'] }),
      );
      const customer = typeof setup.customer === 'string' ? setup.customer : setup.customer?.id;
      if (customer !== request.customerReference) {
        throw new BillingError(BillingErrorCode.invalidInput, 'The setup belongs to another customer', {
          path: ['request', 'customerReference'],
        });
      }
      if (setup.status !== 'succeeded' || setup.payment_method === null || typeof setup.payment_method === 'string') {
        throw new BillingError(
          BillingErrorCode.invalidState,
          `The setup is not finished (Stripe status ${setup.status})`,
          {
            path: ['request', 'setupId'],
          },
        );
      }
      return toSavedMethod(setup.payment_method, request.customerReference);
    },

    async listPaymentMethods(customerReference) {
      const customer = validate(ProviderIdSchema, customerReference, 'customerReference');
      const methods = await call(false, () =>
        stripe.customers.listPaymentMethods(customer, { type: 'card', limit: 100 }),
      );
      return methods.data.map((method) => toSavedMethod(method, customer));
    },

    async detachPaymentMethod(paymentMethodId) {
      const id = validate(ProviderIdSchema, paymentMethodId, 'paymentMethodId');
      await call(true, () => stripe.paymentMethods.detach(id));
    },

    async parseWebhook(input) {
      const request = validate(WebhookRequestSchema, input, 'request');
      const { event, deliveryId } = await verifyStripeEvent(
        { stripe, secret: config.webhookSecret, toleranceSeconds: config.webhookToleranceSeconds, clock: config.clock },
        request.headers,
        request.rawBody,
      );
      return toGatewayEvent(event, deliveryId);
    },
  });
}

/** The declined PaymentIntent a card error carries, as a `failed` (or, for 3-D Secure, `requires_action`) payment. */
function declined(error: Stripe.errors.StripeCardError): GatewayPayment {
  const intent = error.payment_intent;
  if (intent === undefined) {
    throw new BillingError(BillingErrorCode.gatewayRejected, 'Stripe declined without a PaymentIntent', {
      gateway: { gateway: 'stripe', retryable: false, outcomeUnknown: false, providerCode: error.code ?? 'card_error' },
    });
  }
  const payment = toGatewayPayment(intent);
  // Off-session, a card that needs 3-D Secure is declined with `authentication_required`: the customer must come
  // back on-session and confirm this PaymentIntent with its client secret.
  if (error.code === 'authentication_required' && intent.client_secret !== null) {
    const { decline: _ignored, ...rest } = payment;
    return {
      ...rest,
      status: 'requires_action',
      nextAction: { type: 'client_secret', clientSecret: intent.client_secret },
    };
  }
  return payment.decline === undefined ? { ...payment, status: 'failed', decline: stripeDecline(error) } : payment;
}
