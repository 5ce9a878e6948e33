import { BillingError, BillingErrorCode, money, validate } from '@billfold/core';
import {
  CapturePaymentRequestSchema,
  CompleteSetupRequestSchema,
  CreatePaymentRequestSchema,
  EnsureCustomerRequestSchema,
  gatewayError,
  instrumentGateway,
  type PaymentGateway,
  ProviderIdSchema,
  RefundPaymentRequestSchema,
  SetupPaymentMethodRequestSchema,
  WebhookRequestSchema,
} from '@billfold/core/payments';
import { PAYPAL_CURRENCIES, toPaypalMoney } from './paypal-currencies';
import { PaypalAnswer, PaypalClient } from './paypal-client';
import {
  type PaypalOrder,
  type PaypalPaymentToken,
  type PaypalRefund,
  toGatewayPayment,
  toGatewayRefund,
  toSavedMethod,
} from './paypal-objects';
import { type PaypalGatewayOptions, resolvePaypalOptions } from './paypal-options';
import { toGatewayEvent, verifyPaypalEvent } from './paypal-webhook';

/** PayPal's vault customer id for a Billfold customer: 7–22 letters, digits, `_` or `-` (`bf_<id>`, or a hash of a long id). */
async function vaultCustomerId(customerId: string): Promise<string> {
  const readable = `bf_${customerId.replace(/[.:]/g, '-')}`;
  if (readable.length <= 22) return readable.padEnd(7, '0');
  // PayPal takes at most 22 characters: a longer id (Billfold's own are 30) becomes 19 hex digits of its SHA-256.
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(customerId));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `bf_${hex.slice(0, 19)}`;
}

/**
 * A {@link PaymentGateway} over PayPal's documented REST API with `fetch` — Orders v2 (create, capture), Payments v2
 * refunds, Vault v3 payment tokens, and webhook verification through `verify-webhook-signature`. PayPal's official
 * server SDK (`@paypal/paypal-server-sdk` 2.5.0) only knows its Sandbox and Production hosts and has no webhook
 * verification, so it cannot be pointed at a test server; this adapter takes any base URL.
 * @example
 * ```ts
 * const paypal = createPaypalGateway({ clientId: process.env.PAYPAL_CLIENT_ID!, clientSecret: process.env.PAYPAL_CLIENT_SECRET!,
 *   webhookId: process.env.PAYPAL_WEBHOOK_ID, environment: 'live' });
 * ```
 */
export function createPaypalGateway(options: PaypalGatewayOptions): PaymentGateway {
  const config = resolvePaypalOptions(options);
  const client = new PaypalClient(config);
  const getOrder = (id: string) =>
    client.expect<PaypalOrder>({ method: 'GET', path: `/v2/checkout/orders/${encodeURIComponent(id)}` });

  return instrumentGateway({
    name: 'paypal',
    capabilities: {
      manualCapture: false,
      findByIdempotencyKey: false,
      reportsFees: true,
      currencies: PAYPAL_CURRENCIES,
    },

    async createPayment(input) {
      const request = validate(CreatePaymentRequestSchema, input, 'request');
      if (request.capture === 'manual') {
        throw new BillingError(BillingErrorCode.invalidInput, 'This PayPal gateway captures automatically only', {
          path: ['request', 'capture'],
        });
      }
      const customId = request.invoiceIds.join(',');
      const experience = {
        user_action: 'PAY_NOW',
        ...(request.returnUrl === undefined ? {} : { return_url: request.returnUrl }),
        ...(request.cancelUrl === undefined ? {} : { cancel_url: request.cancelUrl }),
      };
      const body = {
        intent: 'CAPTURE',
        purchase_units: [
          {
            amount: toPaypalMoney(request.amount, request.currency, ['request', 'amount']),
            ...(customId === '' ? {} : { custom_id: customId.slice(0, 127) }),
            ...(request.description === undefined ? {} : { description: request.description }),
          },
        ],
        payment_source: {
          paypal:
            request.paymentMethodId === undefined
              ? { experience_context: experience }
              : {
                  vault_id: request.paymentMethodId,
                  ...(request.session === 'on_session' ? { experience_context: experience } : {}),
                },
        },
      };
      const order = await client.expect<PaypalOrder>({
        method: 'POST',
        path: '/v2/checkout/orders',
        body,
        requestId: request.idempotencyKey,
      });
      const payment = toGatewayPayment(order);
      // PayPal answers a reused PayPal-Request-Id with the order the first request made, whatever this body says.
      if (
        payment.currency !== request.currency ||
        money(payment.amount, payment.currency).compare(money(request.amount, request.currency)) !== 0
      ) {
        throw gatewayError(
          'The idempotency key was already used for another payment at PayPal; use a new key for a new payment',
          {
            gateway: 'paypal',
            retryable: false,
            outcomeUnknown: false,
            providerCode: 'PAYPAL_REQUEST_ID_REUSED',
          },
        );
      }
      return payment;
    },

    async getPayment(paymentId) {
      return toGatewayPayment(await getOrder(validate(ProviderIdSchema, paymentId, 'paymentId')));
    },

    async capturePayment(input) {
      const request = validate(CapturePaymentRequestSchema, input, 'request');
      if (request.amount !== undefined) {
        throw new BillingError(BillingErrorCode.invalidInput, 'PayPal captures an approved order in full', {
          path: ['request', 'amount'],
        });
      }
      const answer = await client.request<PaypalOrder>({
        method: 'POST',
        path: `/v2/checkout/orders/${encodeURIComponent(request.paymentId)}/capture`,
        requestId: request.idempotencyKey,
      });
      if (answer instanceof PaypalAnswer) {
        // A declined instrument is an outcome: the order stays, its capture did not happen.
        if (answer.body.details?.[0]?.issue === 'INSTRUMENT_DECLINED') {
          const order = toGatewayPayment(await getOrder(request.paymentId));
          return {
            ...order,
            status: 'failed',
            decline: { code: 'INSTRUMENT_DECLINED', message: answer.body.message ?? 'Declined', kind: 'soft' },
          };
        }
        throw client.refusal(answer);
      }
      return toGatewayPayment(answer);
    },

    async refundPayment(input) {
      const request = validate(RefundPaymentRequestSchema, input, 'request');
      const order = toGatewayPayment(await getOrder(request.paymentId));
      if (order.chargeId === undefined || order.status !== 'succeeded') {
        throw new BillingError(
          BillingErrorCode.invalidState,
          `The PayPal order has no completed capture (${order.status})`,
          {
            path: ['request', 'paymentId'],
          },
        );
      }
      const refund = await client.expect<PaypalRefund>({
        method: 'POST',
        path: `/v2/payments/captures/${encodeURIComponent(order.chargeId)}/refund`,
        body:
          request.amount === undefined
            ? {}
            : { amount: toPaypalMoney(request.amount, request.currency, ['request', 'amount']) },
        requestId: request.idempotencyKey,
      });
      return toGatewayRefund(refund, request.paymentId);
    },

    async ensureCustomer(input) {
      const request = validate(EnsureCustomerRequestSchema, input, 'request');
      // PayPal keeps no customer object: the vault takes the merchant's own customer id.
      return { gateway: 'paypal', reference: await vaultCustomerId(request.customerId) };
    },

    async setupPaymentMethod(input) {
      const request = validate(SetupPaymentMethodRequestSchema, input, 'request');
      const token = await client.expect<{ id: string; status: string; links?: { href: string; rel: string }[] }>({
        method: 'POST',
        path: '/v3/vault/setup-tokens',
        requestId: request.idempotencyKey,
        body: {
          customer: { id: request.customerReference },
          payment_source: {
            paypal: {
              usage_type: 'MERCHANT',
              experience_context: {
                ...(request.returnUrl === undefined ? {} : { return_url: request.returnUrl }),
                ...(request.cancelUrl === undefined ? {} : { cancel_url: request.cancelUrl }),
              },
            },
          },
        },
      });
      const approve = token.links?.find((link) => link.rel === 'approve');
      const status = token.status === 'APPROVED' || token.status === 'VAULTED' ? 'succeeded' : 'requires_action';
      return {
        gateway: 'paypal',
        id: token.id,
        status,
        ...(status === 'requires_action' && approve !== undefined
          ? { nextAction: { type: 'redirect', url: approve.href } }
          : {}),
      };
    },

    async completeSetup(input) {
      const request = validate(CompleteSetupRequestSchema, input, 'request');
      const answer = await client.request<PaypalPaymentToken>({
        method: 'POST',
        path: '/v3/vault/payment-tokens',
        requestId: request.idempotencyKey,
        body: { payment_source: { token: { id: request.setupId, type: 'SETUP_TOKEN' } } },
      });
      if (answer instanceof PaypalAnswer) {
        throw new BillingError(
          BillingErrorCode.invalidState,
          `The setup is not finished (${answer.body.details?.[0]?.issue ?? answer.status})`,
          {
            path: ['request', 'setupId'],
          },
        );
      }
      return toSavedMethod(answer, request.customerReference);
    },

    async listPaymentMethods(customerReference) {
      const customer = validate(ProviderIdSchema, customerReference, 'customerReference');
      const list = await client.expect<{ payment_tokens?: PaypalPaymentToken[] }>({
        method: 'GET',
        path: `/v3/vault/payment-tokens?customer_id=${encodeURIComponent(customer)}`,
      });
      return (list.payment_tokens ?? []).map((token) => toSavedMethod(token, customer));
    },

    async detachPaymentMethod(paymentMethodId) {
      const id = validate(ProviderIdSchema, paymentMethodId, 'paymentMethodId');
      await client.expect<undefined>({ method: 'DELETE', path: `/v3/vault/payment-tokens/${encodeURIComponent(id)}` });
    },

    async parseWebhook(input) {
      const request = validate(WebhookRequestSchema, input, 'request');
      const { event, deliveryId } = await verifyPaypalEvent(client, config, request.headers, request.rawBody);
      return toGatewayEvent(event, deliveryId);
    },
  });
}
