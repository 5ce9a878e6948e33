/**
 * Scale-out on one machine: the billing run and ingestion done by 1, 2 and 4 worker OS processes
 * (`worker-process.ts`, each with its own pool and engine) against one throwaway PostgreSQL server, each
 * configuration on freshly seeded data (10,000 subscriptions; 100,000 meter readings). The baseline is one worker,
 * measured in the same run: each line gives the throughput, its ratio to one worker, and the CPU the workers and the
 * server used, so it shows where scaling stops (this machine's cores, or the database). Workers start and connect
 * before the clock starts.
 *
 * Environment: `BILLFOLD_BENCH_SUBSCRIPTIONS` (default 10,000); `BILLFOLD_BENCH_WORKERS` (default `1,2,4`).
 */
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { createBilling, createTestClock } from '@billfold/core';
import { type BenchBackend, postgresBackend } from './backends';
import { seedCatalog, seedSubscriptions } from './seed';
import type { WorkerOrder, WorkerReport } from './worker-process';

const SUBSCRIPTIONS = Number(process.env.BILLFOLD_BENCH_SUBSCRIPTIONS ?? 10_000);
const WORKERS = (process.env.BILLFOLD_BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const WORK = ['bill', 'ingest'] as const;

/** What one configuration measured. */
interface Measured {
  readonly items: number;
  readonly ms: number;
  readonly workerCpuMs: number;
  readonly serverCpuMs?: number;
}

const opened = await postgresBackend(4);
if (opened === undefined) process.exit(process.env.CI === 'true' ? 1 : 0);
const backend: BenchBackend = opened;
const connectionString = backend.connectionString as string;
let schemas = 0;

/** Seeds a fresh schema, starts `workers` processes, lets them go at once and waits for all of them. */
async function measure(work: (typeof WORK)[number], workers: number): Promise<Measured> {
  schemas += 1;
  const storage = await backend.storage(`workers_${process.pid}_${schemas}`);
  const billing = createBilling({ storage, clock: createTestClock('2026-01-31T00:00:00.000Z') });
  const catalog = await seedCatalog(billing);
  await seedSubscriptions(storage, catalog, SUBSCRIPTIONS, work === 'bill' ? {} : { eventsPerMetered: 0 });
  await storage.client.query('ANALYZE');
  const children = Array.from({ length: workers }, () =>
    fork(new URL('./worker-process.ts', import.meta.url), {
      execArgv: ['--import', 'tsx', '--conditions=@billfold/source'],
    }),
  );
  const next = (child: (typeof children)[number]) =>
    new Promise<WorkerReport>((resolve, reject) => {
      child.once('message', (report: WorkerReport) =>
        report.kind === 'failed' ? reject(new Error(report.message)) : resolve(report),
      );
      child.once('exit', (code) => reject(new Error(`a worker exited (${code}) before reporting`)));
    });
  try {
    const ready = children.map(next);
    children.forEach((child, worker) => {
      const order: WorkerOrder = {
        kind: 'start',
        work,
        connectionString,
        schema: storage.schema as string,
        catalog,
        subscriptions: SUBSCRIPTIONS,
        worker,
        workers,
      };
      child.send(order);
    });
    await Promise.all(ready);
    const done = children.map(next);
    const server = backend.serverCpuMs?.();
    const started = performance.now();
    for (const child of children) child.send({ kind: 'go' } satisfies WorkerOrder);
    const reports = await Promise.all(done);
    const ms = performance.now() - started;
    const serverCpuMs = server === undefined ? undefined : (backend.serverCpuMs?.() ?? server) - server;
    let items = 0;
    let workerCpuMs = 0;
    for (const report of reports) {
      if (report.kind !== 'done') throw new Error('a worker did not finish');
      items += report.items;
      workerCpuMs += report.cpuMs;
    }
    return { items, ms, workerCpuMs, ...(serverCpuMs === undefined ? {} : { serverCpuMs }) };
  } finally {
    for (const child of children) if (child.connected) child.disconnect();
    await storage.client.query(`DROP SCHEMA "${storage.schema}" CASCADE`);
  }
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');
try {
  console.log(
    `\n${backend.name}: 1, 2 and 4 worker processes against one server on this machine (${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} at the start: shared with other work)`,
  );
  for (const work of WORK) {
    const expected = work === 'bill' ? SUBSCRIPTIONS : (SUBSCRIPTIONS / 2) * 20;
    const unit = work === 'bill' ? 'subscriptions' : 'events';
    console.log(
      `\n  ${work === 'bill' ? `billing run (runCycle) of ${number(SUBSCRIPTIONS)} subscriptions` : `usage.ingest of ${number(expected)} meter readings, batches of 10,000`}:`,
    );
    let single: number | undefined;
    for (const workers of WORKERS) {
      const m = await measure(work, workers);
      if (m.items !== expected) throw new Error(`${workers} workers handled ${m.items} of ${expected} ${unit}`);
      const rate = (m.items * 1000) / m.ms;
      single ??= rate;
      const busy = (m.workerCpuMs + (m.serverCpuMs ?? 0)) / m.ms;
      console.log(
        `    ${workers} worker${workers > 1 ? 's' : ' '}: ${number(m.ms)} ms, ${number(rate)} ${unit}/s, ×${(rate / single).toFixed(2)} of one worker; CPU ${number(m.workerCpuMs)} ms in the workers + ${m.serverCpuMs === undefined ? '?' : number(m.serverCpuMs)} ms in the server = ${busy.toFixed(2)} cores busy on average`,
      );
    }
  }
} finally {
  await backend.close();
}
