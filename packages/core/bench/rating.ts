/**
 * The rating benchmark: 1,000,000 usage events aggregated and rated in memory on one core. 50,000 metered
 * subscriptions send 20 readings each (a decimal `gigabytes` property, 3 decimals); the in-memory storage sums each
 * subscription's readings of its period (`usage.aggregate`, one query per subscription) and `rate` prices the sum on
 * a 4-tier graduated price (frozen, as a loaded catalog is). The floor does the same sums in plain BigInt over the
 * same events, grouped the same way (each event's name and timestamp checked, its decimal parsed to a scaled BigInt,
 * added; the sum rated on BigInt tiers). Interleaved, best of N. Goal: at most 1.5 s.
 *
 * Environment: `BILLFOLD_BENCH_REPETITIONS` (default 3); `BILLFOLD_BENCH_CPU_PROFILE=<file>`: a `.cpuprofile` of the
 * first run, summarised. The goal is checked on wall time and on this process's CPU time (one core; on a shared
 * machine the wall time also holds the time other work had the core).
 */
import { compareWithFloor, printGoals, profiled, summarizeCpuProfileFile } from '@billfold/bench-kit';
import { createMemoryStorage, type Price, rate, type UsageEvent } from '../src/index';
import { type BaselineTier, graduatedBaseline, parseBaselineTiers, toScaled } from './baselines';

const REPETITIONS = Number(process.env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const CPU_PROFILE = process.env.BILLFOLD_BENCH_CPU_PROFILE;
const SUBSCRIPTIONS = 50_000;
const READINGS = 20;
const EVENTS = SUBSCRIPTIONS * READINGS;
const GOAL_MS = 1500;
const EVENT_NAME = 'data_transfer';
const PROPERTY = 'gigabytes';
const FROM = '2026-01-01T00:00:00.000Z';
const TO = '2026-02-01T00:00:00.000Z';

const tiers = [
  { upTo: '1000', unitAmount: '0', flatAmount: '0' },
  { upTo: '10000', unitAmount: '0.002' },
  { upTo: '100000', unitAmount: '0.0015', flatAmount: '5' },
  { upTo: null, unitAmount: '0.001' },
];
const price: Price = Object.freeze({
  model: 'graduated',
  currency: 'EUR',
  tiers: Object.freeze(tiers.map((tier) => Object.freeze({ ...tier }))),
}) as Price;
const baselineTiers: readonly BaselineTier[] = parseBaselineTiers(tiers);

/** Reading `k` of subscription `n`: up to 999.999 GB, spread over January. */
function reading(n: number, k: number): UsageEvent {
  const milligigabytes = (n * 7919 + k * 104_729) % 1_000_000;
  return {
    id: `evt_${n}_${k}`,
    customerId: `cus_${n}`,
    subscriptionId: `sub_${n}`,
    eventName: EVENT_NAME,
    timestamp: new Date(Date.UTC(2026, 0, 1 + k, n % 24)).toISOString(),
    properties: {
      [PROPERTY]: `${Math.floor(milligigabytes / 1000)}.${String(milligigabytes % 1000).padStart(3, '0')}`,
    },
  };
}

const bySubscription = new Map<string, UsageEvent[]>();
for (let n = 0; n < SUBSCRIPTIONS; n++) {
  bySubscription.set(
    `sub_${n}`,
    Array.from({ length: READINGS }, (_, k) => reading(n, k)),
  );
}
const storage = createMemoryStorage();
await storage.transaction(async (tx) => {
  for (const events of bySubscription.values()) await tx.usage.insertMany(events);
});
const queries = [...bySubscription.keys()].map((subscriptionId) => ({
  subscriptionId,
  eventName: EVENT_NAME,
  aggregation: 'sum' as const,
  property: PROPERTY,
  from: FROM,
  to: TO,
}));

/** The engine's way: the storage's aggregation, then `rate` of each sum (whole gigabytes billed, rounded up). */
async function engine(): Promise<bigint> {
  const sums = await storage.usage.aggregate(queries);
  let cents = 0n;
  for (const sum of sums) cents += toScaled(rate(price, wholeUnits(sum)).amount, 2);
  return cents;
}

/** Whole units of a decimal quantity, rounded up (what both sides bill). */
function wholeUnits(decimal: string): string {
  const dot = decimal.indexOf('.');
  if (dot < 0) return decimal;
  return /[1-9]/.test(decimal.slice(dot + 1)) ? String(BigInt(decimal.slice(0, dot)) + 1n) : decimal.slice(0, dot);
}

/** The floor: the same sums in plain BigInt at 3 decimals, rated on pre-parsed BigInt tiers. */
function floor(): bigint {
  let cents = 0n;
  for (const events of bySubscription.values()) {
    let sum = 0n;
    for (const event of events) {
      if (event.eventName !== EVENT_NAME || event.timestamp < FROM || event.timestamp >= TO) continue;
      const value = event.properties[PROPERTY];
      if (value !== undefined) sum += toScaled(value, 3);
    }
    cents += graduatedBaseline(baselineTiers, String((sum + 999n) / 1000n));
  }
  return cents;
}

// Both sides must agree before their speed means anything.
const [engineCents, floorCents] = [await engine(), floor()];
if (engineCents !== floorCents) throw new Error(`the engine rated ${engineCents} cents, the floor ${floorCents}`);

const results = await compareWithFloor(
  `@billfold/core: ${EVENTS.toLocaleString('en-US')} usage events over ${SUBSCRIPTIONS.toLocaleString('en-US')} subscriptions aggregated and rated in memory`,
  { name: 'plain BigInt: the same filter, sums and graduated rating', run: async () => floor() },
  [
    {
      name: 'memory storage usage.aggregate (sum) + rate (graduated, 4 tiers)',
      run: (repetition) => (repetition === 0 && CPU_PROFILE !== undefined ? profiled(CPU_PROFILE, engine) : engine()),
      goal: { maxMs: GOAL_MS, maxCpuMs: GOAL_MS },
    },
  ],
  { repetitions: REPETITIONS, items: EVENTS, unit: 'events' },
);
if (CPU_PROFILE !== undefined) console.log(await summarizeCpuProfileFile(CPU_PROFILE));
printGoals(results);
