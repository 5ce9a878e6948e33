import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { LedgerOpConfig, LedgerOpMessage, LedgerOpOutcome } from './ledger-op-child';
import { startChild } from './workers';

const CHILD = fileURLToPath(new URL('./ledger-op-child.ts', import.meta.url));

/** Where a {@link LedgerWorker} is: it pauses at most once, and finishes once. */
export type LedgerWorkerState = 'starting' | 'running' | 'paused' | 'finished';

/** One engine operation in its own OS process (see `ledger-op-child.ts`), driven by the test. */
export interface LedgerWorker {
  /** Its `application_name` on the server. */
  readonly name: string;
  readonly state: LedgerWorkerState;
  /** Resolves once the worker is connected and waiting for {@link LedgerWorker.go}. */
  ready(): Promise<void>;
  /** Starts the operation. */
  go(): void;
  /** Lets a paused worker carry on. */
  resume(): void;
  /** How the operation ended. */
  outcome(): Promise<LedgerOpOutcome>;
  kill(): Promise<void>;
}

/** Starts a worker for one engine call; `name` becomes its `application_name`. */
export function startLedgerWorker(name: string, config: Omit<LedgerOpConfig, 'applicationName'>): LedgerWorker {
  let state: LedgerWorkerState = 'starting';
  const child = startChild<LedgerOpMessage>(CHILD, { ...config, applicationName: name }, (message) => {
    if (message.type === 'paused') state = 'paused';
    if (message.type === 'finished' || message.type === 'failed') state = 'finished';
  });
  return {
    name,
    get state() {
      return state;
    },
    ready: async () => {
      await child.next('ready');
    },
    go() {
      state = 'running';
      child.send('go');
    },
    resume() {
      if (state !== 'paused') throw new Error(`${name} is ${state}, not paused`);
      state = 'running';
      child.send('continue');
    },
    outcome: async () => (await child.next('finished')).outcome,
    kill: () => child.kill(),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

/** The workers whose server connection is waiting for a lock right now (`pg_stat_activity`). */
async function waitingForLocks(pool: pg.Pool, workers: readonly LedgerWorker[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT DISTINCT application_name AS name FROM pg_stat_activity
      WHERE wait_event_type = 'Lock' AND application_name = ANY($1::text[])`,
    [workers.map((worker) => worker.name)],
  );
  return new Set(rows.map((row) => row.name));
}

/**
 * Waits until no worker can make progress by itself: each one is paused, finished, or waiting on the server
 * for a lock another transaction holds. Decided by watching the server, never by a time limit.
 */
export async function untilSettled(pool: pg.Pool, workers: readonly LedgerWorker[]): Promise<void> {
  for (;;) {
    const running = workers.filter((worker) => worker.state === 'running' || worker.state === 'starting');
    if (running.length === 0) return;
    const blocked = await waitingForLocks(pool, running);
    if (running.every((worker) => worker.state === 'running' && blocked.has(worker.name))) return;
    await tick();
  }
}

/**
 * Lets the workers run to the end: each time none can make progress by itself, the first paused one in
 * `order` carries on. Every worker must have been started (`go`).
 */
export async function releaseInOrder(pool: pg.Pool, order: readonly LedgerWorker[]): Promise<LedgerOpOutcome[]> {
  for (;;) {
    await untilSettled(pool, order);
    const next = order.find((worker) => worker.state === 'paused');
    if (next !== undefined) next.resume();
    else if (order.every((worker) => worker.state === 'finished')) break;
    else await tick();
  }
  return Promise.all(order.map((worker) => worker.outcome()));
}
