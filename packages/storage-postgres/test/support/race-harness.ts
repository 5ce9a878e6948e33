import { type Billing, createBilling, createTestClock } from '@billfold/core';
import { afterEach } from 'vitest';
import { type BenchCatalog, seedCatalog } from '../../bench/seed';
import type { PostgresStorage } from '../../src/index';
import { dropSchema, postgresBackend, serverUrl } from './backends';
import { counterIds } from './engine-scenario';
import type { LedgerOpConfig, LedgerOpOutcome } from './ledger-op-child';
import { type LedgerWorker, startLedgerWorker } from './ledger-workers';

/** When the race tests seed their schema (the engine's clock then). */
export const SEEDED_AT = '2026-01-10T09:00:00.000Z';
/** Subscriptions made for the races start here (after seeding), so their first invoice comes from a run. */
export const STARTS_AT = '2026-02-01T00:00:00.000Z';
/** The instant the racing workers' engines stand at. */
export const NOW = '2026-02-15T00:00:00.000Z';

/**
 * Where finalizing workers pause: every read is done (the credit applied is read again at finalization), no
 * number is reserved yet (the sequence row would make the others wait).
 */
export const BEFORE_NUMBERING = { call: 'invoices.reserveNumbers', when: 'before' } as const;

/**
 * One racing call: the engine method, its argument, where it pauses, the engine's config, the PayPal it charges
 * through, and its instant (default {@link NOW}).
 */
export type Call = Pick<LedgerOpConfig, 'call' | 'arg' | 'pause' | 'config' | 'paypalAt'> & { readonly now?: string };

/** `ok`, or the code an operation was refused with. */
export const refusedWith = (outcome: LedgerOpOutcome) => (outcome.ok ? 'ok' : outcome.code);

/** What the race tests share: a seeded schema per test, racing workers, and their cleanup after each test. */
export interface RaceHarness {
  /** A fresh schema on the server with the benchmark catalog (VAT 19 %; basic 10.00, seats 8.00, data metered). */
  seeded(): Promise<{ storage: PostgresStorage; billing: Billing; catalog: BenchCatalog }>;
  /** Starts one worker per call on the schema of `on`, waits until all are ready, then starts them together. */
  race(on: PostgresStorage, calls: Record<string, Call>): Promise<Record<string, LedgerWorker>>;
  /** Starts one worker (not yet started: call `go`), cleaned up after the test. */
  worker(on: PostgresStorage, name: string, call: Call): LedgerWorker;
}

/** Registers the cleanup (workers killed, schema dropped) after each test of the file, and returns the helpers. */
export function raceHarness(): RaceHarness {
  let storage: PostgresStorage | undefined;
  const workers: LedgerWorker[] = [];
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.kill()));
    if (storage !== undefined) await dropSchema(storage);
    storage = undefined;
  });
  const worker = (on: PostgresStorage, name: string, call: Call) => {
    const started = startLedgerWorker(`billfold-race-${name}-${process.pid}`, {
      url: serverUrl() as string,
      schema: on.schema as string,
      ...call,
      now: call.now ?? NOW,
    });
    workers.push(started);
    return started;
  };
  return {
    async seeded() {
      storage = await postgresBackend.storage();
      const billing = createBilling({ storage, clock: createTestClock(SEEDED_AT), ids: counterIds() });
      return { storage, billing, catalog: await seedCatalog(billing) };
    },
    async race(on, calls) {
      const started = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, worker(on, name, call)]));
      await Promise.all(Object.values(started).map((w) => w.ready()));
      for (const w of Object.values(started)) w.go();
      return started;
    },
    worker,
  };
}
