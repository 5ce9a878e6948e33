import { installInMemoryTelemetry } from '@billfold/telemetry-kit';
import { SpanStatusCode } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { createBillingTelemetry } from './billing-telemetry';
import { createStepTally } from './step-tally';

let uninstall: (() => Promise<void>) | undefined;
const install = () => {
  const telemetry = installInMemoryTelemetry();
  uninstall = telemetry.uninstall;
  return telemetry;
};
afterEach(async () => {
  await uninstall?.();
  uninstall = undefined;
});

describe('billing telemetry', () => {
  it('reports to an SDK the host installs after the telemetry was created and first used', async () => {
    const telemetry = createBillingTelemetry();
    // No SDK yet: a no-op, and nothing of it shows up later.
    telemetry.items('payments', 'record', 7);
    const first = install();
    telemetry.items('payments', 'record', 2);
    expect(await first.total('billfold.payments.items', { 'billfold.step': 'record' })).toBe(2);
    // The host replaces its SDK: the instruments are made again from the new provider.
    await first.uninstall();
    const second = install();
    telemetry.items('payments', 'record', 3);
    expect(await second.total('billfold.payments.items')).toBe(3);
  });

  it('measures a step: a span, its latency and its items; a failure by its code, thrown on', async () => {
    const sdk = install();
    const telemetry = createBillingTelemetry();
    const done = await telemetry.measure('payments', 'record', async () => 'paid', { items: () => 1 });
    expect(done).toBe('paid');
    const refused = new BillingError(BillingErrorCode.invalidState, 'Payment pay_1 was refunded in full');
    await expect(
      telemetry.measure('payments', 'refund', () => Promise.reject(refused), { items: () => 1 }),
    ).rejects.toBe(refused);
    await expect(telemetry.measure('payments', 'refund', () => Promise.reject(new TypeError('x')))).rejects.toThrow(
      TypeError,
    );

    expect(await sdk.points('billfold.payments.items')).toEqual([
      { attributes: { 'billfold.step': 'record' }, value: 1 },
    ]);
    expect(await sdk.points('billfold.payments.errors')).toEqual([
      { attributes: { 'billfold.step': 'refund', 'error.type': 'invalid_state' }, value: 1 },
      { attributes: { 'billfold.step': 'refund', 'error.type': 'internal_error' }, value: 1 },
    ]);
    const durations = await sdk.points('billfold.payments.duration');
    expect(durations.map((point) => [point.attributes['billfold.step'], point.value])).toEqual([
      ['record', 1],
      ['refund', 2],
    ]);
    const spans = sdk.spans();
    expect(spans.map((span) => [span.name, span.status.code, span.attributes['error.type']])).toEqual([
      ['billfold.payments.record', SpanStatusCode.UNSET, undefined],
      ['billfold.payments.refund', SpanStatusCode.ERROR, 'invalid_state'],
      ['billfold.payments.refund', SpanStatusCode.ERROR, 'internal_error'],
    ]);
    // Messages may hold personal data: they stay out of spans.
    expect(JSON.stringify(spans.map((span) => [span.attributes, span.events, span.status]))).not.toContain('pay_1');
  });

  it('records nothing for a pass that found nothing to do, but ends its span', async () => {
    const sdk = install();
    const telemetry = createBillingTelemetry();
    await telemetry.measure('run', 'batch', async () => undefined, { skip: (found) => found === undefined });
    expect(await sdk.points('billfold.run.duration')).toEqual([]);
    expect(sdk.spans().map((span) => span.name)).toEqual(['billfold.run.batch']);
  });

  it('keeps, in a tally, exactly the figures it gave the instruments', async () => {
    const sdk = install();
    const tally = createStepTally(createBillingTelemetry());
    await tally.measure('run', 'batch', async () => ({ billed: 3 }), { items: (batch) => batch.billed });
    await tally.measure('run', 'batch', async () => ({ billed: 2 }), { items: (batch) => batch.billed });
    tally.error('run', 'draft', 'not_found');
    tally.error('run', 'draft', 'not_found');
    tally.error('run', 'customer', 'invalid_state');
    const [batch, draft, customer] = tally.figures();
    expect(batch).toMatchObject({ area: 'run', step: 'batch', items: 5, errors: {}, passes: 2 });
    expect(draft).toEqual({ area: 'run', step: 'draft', items: 0, errors: { not_found: 2 }, passes: 0, seconds: 0 });
    expect(customer).toMatchObject({ step: 'customer', errors: { invalid_state: 1 } });
    expect(await sdk.total('billfold.run.items')).toBe(batch?.items);
    const [duration] = await sdk.points('billfold.run.duration');
    expect(duration).toEqual({ attributes: { 'billfold.step': 'batch' }, value: 2, sum: batch?.seconds });
    expect(await sdk.total('billfold.run.errors', { 'billfold.step': 'draft', 'error.type': 'not_found' })).toBe(2);
  });

  it('reports through a meter and tracer the host passes, not the global ones', async () => {
    const global = install();
    const own = installInMemoryTelemetry({ global: false });
    const telemetry = createBillingTelemetry({ meter: own.meter, tracer: own.tracer });
    await telemetry.measure('documents', 'invoice', async () => 'pdf', { items: () => 1 });
    expect(await own.total('billfold.documents.items')).toBe(1);
    expect(own.spans().map((span) => span.name)).toEqual(['billfold.documents.invoice']);
    expect(await global.points('billfold.documents.items')).toEqual([]);
    expect(global.spans()).toEqual([]);
    await own.uninstall();
  });
});
