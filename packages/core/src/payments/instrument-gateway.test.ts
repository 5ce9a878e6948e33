import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createBillingTelemetry } from '../telemetry/billing-telemetry';
import { gatewayError } from './gateway-errors';
import { instrumentGateway } from './instrument-gateway';
import type { PaymentGateway } from './payment-gateway';

const payment = { id: 'pi_1', status: 'succeeded' } as unknown as Awaited<ReturnType<PaymentGateway['getPayment']>>;

/** A gateway that answers `getPayment` and fails `refundPayment` as a provider outage would. */
const acme = {
  name: 'acme',
  capabilities: { manualCapture: false, findByIdempotencyKey: false, reportsFees: false },
  getPayment: async (id: string) => ({ ...payment, id }),
  refundPayment: async () => {
    throw gatewayError('Acme answered 503', {
      gateway: 'acme',
      retryable: true,
      outcomeUnknown: false,
      httpStatus: 503,
    });
  },
} as unknown as PaymentGateway;

describe('instrumentGateway', () => {
  it('puts each provider call in a client span and counts it, its failures by code', async () => {
    const sdk = installInMemoryTelemetry({ global: false });
    const gateway = instrumentGateway(acme, createBillingTelemetry({ meter: sdk.meter, tracer: sdk.tracer }));
    expect(gateway.name).toBe('acme');
    expect(await gateway.getPayment('pi_7')).toMatchObject({ id: 'pi_7' });
    await gateway.getPayment('pi_8');
    await expect(gateway.refundPayment({} as never)).rejects.toMatchObject({ code: 'gateway_unavailable' });

    expect(await sdk.points('billfold.gateway.items')).toEqual([
      { attributes: { 'billfold.gateway': 'acme', 'billfold.step': 'getPayment' }, value: 2 },
    ]);
    expect(await sdk.points('billfold.gateway.errors')).toEqual([
      {
        attributes: {
          'billfold.gateway': 'acme',
          'billfold.step': 'refundPayment',
          'error.type': 'gateway_unavailable',
        },
        value: 1,
      },
    ]);
    expect(await sdk.total('billfold.gateway.duration')).toBe(3);
    expect(sdk.spans().map((span) => [span.name, span.kind, span.status.code])).toEqual([
      ['billfold.gateway.getPayment', SpanKind.CLIENT, SpanStatusCode.UNSET],
      ['billfold.gateway.getPayment', SpanKind.CLIENT, SpanStatusCode.UNSET],
      ['billfold.gateway.refundPayment', SpanKind.CLIENT, SpanStatusCode.ERROR],
    ]);
    // Methods the gateway does not have stay absent (capabilities decide, not the wrapper).
    expect(gateway.findPayment).toBeUndefined();
    await sdk.uninstall();
  });
});
