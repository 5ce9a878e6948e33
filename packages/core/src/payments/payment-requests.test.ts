import { describe, expect, it } from 'vitest';
import { validate } from '../errors/validate';
import { isBillingError } from '../errors/billing-error';
import { CreatePaymentRequestSchema, RefundPaymentRequestSchema } from './payment-requests';
import { retryAfterSeconds } from './gateway-errors';

const offSession = {
  amount: '19.99',
  currency: 'EUR',
  customerId: 'cus_1',
  customerReference: 'cus_Q1',
  paymentMethodId: 'pm_1',
  session: 'off_session',
  invoiceIds: ['inv_1'],
  idempotencyKey: 'inv_1:attempt:1',
} as const;

function pathOf(schema: Parameters<typeof validate>[0], input: unknown): readonly (string | number)[] {
  try {
    validate(schema, input, 'request');
  } catch (error) {
    if (isBillingError(error)) return error.path;
    throw error;
  }
  throw new Error('expected invalid_input');
}

describe('gateway request schemas', () => {
  it('accepts an off-session payment and applies defaults', () => {
    expect(validate(CreatePaymentRequestSchema, offSession, 'request')).toMatchObject({ capture: 'automatic' });
  });

  it('names the bad field', () => {
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, amount: 19.99 })).toEqual(['request', 'amount']);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, amount: '0' })).toEqual(['request', 'amount']);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, amount: '10.001' })).toEqual(['request', 'amount']);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, currency: 'XXY' })).toEqual(['request', 'currency']);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, paymentMethodId: undefined })).toEqual([
      'request',
      'paymentMethodId',
    ]);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, idempotencyKey: 'x'.repeat(101) })).toEqual([
      'request',
      'idempotencyKey',
    ]);
    expect(pathOf(CreatePaymentRequestSchema, { ...offSession, returnUrl: 'javascript:alert(1)' })).toEqual([
      'request',
      'returnUrl',
    ]);
    expect(
      pathOf(RefundPaymentRequestSchema, { paymentId: 'pi_1', currency: 'JPY', amount: '1.5', idempotencyKey: 'k' }),
    ).toEqual(['request', 'amount']);
  });
});

describe('retryAfterSeconds', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    expect(retryAfterSeconds('3', now)).toBe(3);
    expect(retryAfterSeconds('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10);
    expect(retryAfterSeconds('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});
