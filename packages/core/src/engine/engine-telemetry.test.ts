import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../clock/test-clock';
import { MemoryStorage } from '../storage/memory-storage';
import { createBilling } from './create-billing';

describe('engine telemetry', () => {
  it('counts payments, refunds and invoices finalized by hand through the meter and tracer the host passes', async () => {
    const sdk = installInMemoryTelemetry({ global: false });
    const billing = createBilling({
      storage: new MemoryStorage(),
      clock: createTestClock('2026-01-10T09:00:00Z'),
      telemetry: { meter: sdk.meter, tracer: sdk.tracer },
    });
    const customer = await billing.customers.create({ name: 'Acme GmbH', email: 'ap@acme.example', currency: 'EUR' });
    const draft = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Setup', amount: '100.00' }],
    });
    await billing.invoices.finalize(draft.id);
    await expect(billing.invoices.finalize(draft.id)).rejects.toMatchObject({ code: 'invalid_state' });
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '100.00',
      currency: 'EUR',
      method: 'cash',
    });
    await billing.payments.refund({ paymentId: payment.id, amount: '40.00' });
    await expect(billing.payments.refund({ paymentId: payment.id, amount: '60.01' })).rejects.toMatchObject({
      code: 'invalid_input',
    });

    expect(await sdk.points('billfold.invoicing.items')).toEqual([
      { attributes: { 'billfold.step': 'one_off' }, value: 1 },
      { attributes: { 'billfold.step': 'finalize' }, value: 1 },
    ]);
    expect(await sdk.points('billfold.invoicing.errors')).toEqual([
      { attributes: { 'billfold.step': 'finalize', 'error.type': 'invalid_state' }, value: 1 },
    ]);
    expect(await sdk.points('billfold.payments.items')).toEqual([
      { attributes: { 'billfold.step': 'record' }, value: 1 },
      { attributes: { 'billfold.step': 'refund' }, value: 1 },
    ]);
    expect(await sdk.points('billfold.payments.errors')).toEqual([
      { attributes: { 'billfold.step': 'refund', 'error.type': 'invalid_input' }, value: 1 },
    ]);
    expect(sdk.spans().map((span) => span.name)).toEqual([
      'billfold.invoicing.one_off',
      'billfold.invoicing.finalize',
      'billfold.invoicing.finalize',
      'billfold.payments.record',
      'billfold.payments.refund',
      'billfold.payments.refund',
    ]);
    await sdk.uninstall();
  });

  it('refuses a telemetry option that is not a meter and tracer', () => {
    expect(() => createBilling({ storage: new MemoryStorage(), telemetry: { meter: {} as never } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['options', 'telemetry', 'meter'] }),
    );
  });
});
