import { SpanKind } from '@opentelemetry/api';
import { type BillingTelemetry, billingTelemetry } from '../telemetry/billing-telemetry';
import { TelemetryAttribute } from '../telemetry/instruments';
import type { PaymentGateway } from './payment-gateway';

/** The methods of {@link PaymentGateway} that call the provider (or verify what it sent). */
type GatewayCall = {
  [K in keyof PaymentGateway]-?: NonNullable<PaymentGateway[K]> extends (...args: never[]) => Promise<unknown>
    ? K
    : never;
}[keyof PaymentGateway];

// A Record over every call: a method added to PaymentGateway and not listed here is a compile error.
const CALLED: Record<GatewayCall, true> = {
  createPayment: true,
  getPayment: true,
  capturePayment: true,
  refundPayment: true,
  findPayment: true,
  ensureCustomer: true,
  setupPaymentMethod: true,
  completeSetup: true,
  listPaymentMethods: true,
  detachPaymentMethod: true,
  parseWebhook: true,
  listPayouts: true,
  payoutDetails: true,
};
const CALLS = Object.keys(CALLED) as GatewayCall[];

/**
 * The same gateway, each call to the provider inside a client span `billfold.gateway.<method>` and counted in
 * `billfold.gateway.items` / `.errors` (by `error.type`) / `.duration`, with `billfold.gateway` set to its name.
 * The gateway adapters Billfold ships return their gateway instrumented.
 * @example
 * ```ts
 * export function createAcmeGateway(options: AcmeOptions): PaymentGateway {
 *   return instrumentGateway({ name: 'acme', capabilities, createPayment, … });
 * }
 * ```
 */
export function instrumentGateway(
  gateway: PaymentGateway,
  telemetry: BillingTelemetry = billingTelemetry,
): PaymentGateway {
  const attributes = { [TelemetryAttribute.gateway]: gateway.name };
  // Only the contract's members: a class-based gateway's prototype methods are bound, not spread.
  const instrumented: Record<string, unknown> = { name: gateway.name, capabilities: gateway.capabilities };
  for (const method of CALLS) {
    const call = gateway[method] as ((request: unknown) => Promise<unknown>) | undefined;
    if (call === undefined) continue;
    instrumented[method] = (request: unknown) =>
      telemetry.measure('gateway', method, () => call.call(gateway, request), {
        attributes,
        items: () => 1,
        kind: SpanKind.CLIENT,
      });
  }
  return instrumented as unknown as PaymentGateway;
}
