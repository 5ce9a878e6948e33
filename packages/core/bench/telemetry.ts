/**
 * What telemetry costs when no OpenTelemetry SDK is installed (what every host gets by default): one
 * `billingTelemetry.measure` around an async step next to calling the step directly, and one counter `items` call
 * next to nothing, interleaved in one tinybench run. A billing run makes a fixed number of such calls per batch
 * (never per item): the bench counts them on a 300-subscription run and prints their share of that run's time.
 * (A whole-run comparison was tried: on a shared 2-core machine its samples spread ±60%, far more than the effect.)
 */
import { compare } from '@billfold/bench-kit';
import { createCycleFixture } from '../src/engine/run-cycle/cycle-fixture';
import { runCycle } from '../src/engine/run-cycle/run-cycle';
import { type BillingTelemetry, billingTelemetry } from '../src/index';

const step = async () => 1;
const [measured, counted] = await compare('@billfold/core telemetry without an SDK', [
  {
    subject: { name: 'measure(step) with no SDK', run: () => billingTelemetry.measure('run', 'batch', step) },
    baseline: { name: 'step() called directly', run: () => step() },
  },
  {
    subject: { name: 'items(3) with no SDK', run: () => billingTelemetry.items('run', 'batch', 3) },
    baseline: { name: 'an empty function', run: () => {} },
  },
]);

// How many telemetry calls a run makes: count them on a real run.
const SUBSCRIPTIONS = 300;
const f = await createCycleFixture({ start: '2026-01-01T00:00:00Z' });
for (let i = 0; i < SUBSCRIPTIONS; i++) {
  const customer = await f.addCustomer(`cus_${String(i).padStart(4, '0')}`);
  await f.subscriptions.create({
    customerId: customer.id,
    items: [{ priceId: f.prices.pro.id }, { priceId: f.prices.data.id }],
  });
}
f.clock.set('2026-03-01T00:00:00Z');
// Each timed step (a span and a duration) costs a `measure`; each count an `items`.
const calls = { measure: 0, record: 0 };
const counting: BillingTelemetry = {
  ...billingTelemetry,
  items(...args) {
    calls.record += 1;
    billingTelemetry.items(...args);
  },
  error(...args) {
    calls.record += 1;
    billingTelemetry.error(...args);
  },
  duration(...args) {
    calls.measure += 1;
    billingTelemetry.duration(...args);
  },
};
const started = performance.now();
const summary = await runCycle({ ...f.billing.context, telemetry: counting }, { batchSize: 50 });
const runMs = performance.now() - started;
const overheadMs =
  (calls.measure * (measured?.subjectNsPerOp ?? 0) + calls.record * (counted?.subjectNsPerOp ?? 0)) / 1e6;
console.log(
  `  a run of ${SUBSCRIPTIONS} subscriptions (${summary.batches} batches, ${summary.invoicesCreated} invoices): ` +
    `${calls.measure} timed steps + ${calls.record} counts ≈ ${overheadMs.toFixed(3)} ms of ${runMs.toFixed(0)} ms ` +
    `(${((overheadMs / runMs) * 100).toFixed(3)}%)`,
);
