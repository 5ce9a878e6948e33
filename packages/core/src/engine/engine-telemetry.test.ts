import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../clock/test-clock';
import { MemoryStorage } from '../storage/memory-storage';
import { createBilling } from './create-billing';

/** An engine reporting through the meter and tracer the host passes (an in-memory SDK), and one customer. */
async function ownTelemetry() {
  const sdk = installInMemoryTelemetry({ global: false });
  const billing = createBilling({
    storage: new MemoryStorage(),
    clock: createTestClock('2026-01-10T09:00:00Z'),
    telemetry: { meter: sdk.meter, tracer: sdk.tracer },
  });
  const customer = await billing.customers.create({ name: 'Acme GmbH', email: 'ap@acme.example', currency: 'EUR' });
  return { sdk, billing, customer };
}

describe('engine telemetry', () => {
  it('counts payments, refunds and invoices finalized by hand through the meter and tracer the host passes', async () => {
    const { sdk, billing, customer } = await ownTelemetry();
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

  it('counts credit notes, voids and invoices marked uncollectible, and their refusals by code', async () => {
    const { sdk, billing, customer } = await ownTelemetry();
    const oneOff = (amount: string) =>
      billing.invoices.createOneOff({
        customerId: customer.id,
        lines: [{ description: 'Work', amount }],
        autoFinalize: true,
      });
    // 100.00: credited 30.00, then 70.00; a third note of 0.01 is more than is left.
    const credited = await oneOff('100.00');
    await billing.creditNotes.create({ invoiceId: credited.id, amount: '30.00', reason: 'other' });
    await billing.creditNotes.create({ invoiceId: credited.id, amount: '70.00', reason: 'other' });
    await expect(
      billing.creditNotes.create({ invoiceId: credited.id, amount: '0.01', reason: 'other' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    // 50.00 voided, then voided again (refused); 20.00 marked uncollectible.
    const voided = await oneOff('50.00');
    await billing.invoices.void(voided.id);
    await expect(billing.invoices.void(voided.id)).rejects.toMatchObject({ code: 'invalid_state' });
    await billing.invoices.markUncollectible((await oneOff('20.00')).id);

    expect(await sdk.points('billfold.credit_notes.items')).toEqual([
      { attributes: { 'billfold.step': 'create' }, value: 2 },
    ]);
    expect(await sdk.points('billfold.credit_notes.errors')).toEqual([
      { attributes: { 'billfold.step': 'create', 'error.type': 'invalid_input' }, value: 1 },
    ]);
    expect(await sdk.total('billfold.credit_notes.duration')).toBe(3);
    expect(await sdk.total('billfold.invoicing.items', { 'billfold.step': 'void' })).toBe(1);
    expect(await sdk.total('billfold.invoicing.items', { 'billfold.step': 'uncollectible' })).toBe(1);
    expect(await sdk.points('billfold.invoicing.errors')).toEqual([
      { attributes: { 'billfold.step': 'void', 'error.type': 'invalid_state' }, value: 1 },
    ]);
    expect(
      sdk
        .spans()
        .filter((span) => !span.name.includes('one_off'))
        .map((span) => span.name),
    ).toEqual([
      'billfold.credit_notes.create',
      'billfold.credit_notes.create',
      'billfold.credit_notes.create',
      'billfold.invoicing.void',
      'billfold.invoicing.void',
      'billfold.invoicing.uncollectible',
    ]);
    await sdk.uninstall();
  });

  it('refuses a telemetry option that is not a meter and tracer', () => {
    expect(() => createBilling({ storage: new MemoryStorage(), telemetry: { meter: {} as never } })).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['options', 'telemetry', 'meter'] }),
    );
  });
});
