/**
 * Where ingestion's time goes on a PostgreSQL server, batch by batch: `usage.ingest` of batches of 10,000 meter
 * readings (no subscription id; 5,000 metered lines × 20 readings) under the CPU profiler, with the CPU of this
 * process and of the server, the time waiting on each kind of statement, then the profile summarised by package and
 * function, and `EXPLAIN (ANALYZE, BUFFERS)` of the statements of one batch (run again on the same rows inside a
 * transaction rolled back).
 *
 * Environment: `DATABASE_URL` (default: a throwaway cluster); `BILLFOLD_BENCH_CPU_PROFILE` (default
 * `ingestion.cpuprofile` in the system's temporary folder).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profiled, summarizeCpuProfileFile } from '@billfold/bench-kit';
import { createBilling, createTestClock } from '@billfold/core';
import { createPostgresStorage, type SqlClient } from '../src/index';
import { postgresBackend } from './backends';
import { meterReadings, seedCatalog, seedSubscriptions } from './seed';
import { StatementCounter } from './statement-counter';

const SUBSCRIPTIONS = 10_000;
const BATCH = 10_000;
const PROFILE = process.env.BILLFOLD_BENCH_CPU_PROFILE ?? join(tmpdir(), 'ingestion.cpuprofile');

const backend = await postgresBackend();
if (backend === undefined) process.exit(process.env.CI === 'true' ? 1 : 0);
try {
  const base = await backend.storage(`ingest_profile_${process.pid}`);
  const counting = new StatementCounter(base.client);
  const storage = await createPostgresStorage({ client: counting, schema: base.schema, migrate: false });
  const billing = createBilling({ storage, clock: createTestClock('2026-01-31T00:00:00.000Z') });
  const catalog = await seedCatalog(billing);
  await seedSubscriptions(base, catalog, SUBSCRIPTIONS, { eventsPerMetered: 0 });
  await base.client.query('ANALYZE');
  const inputs = meterReadings(SUBSCRIPTIONS, catalog).map(({ subscriptionId: _given, ...event }) => event);
  const batches = Array.from({ length: inputs.length / BATCH }, (_, i) => inputs.slice(i * BATCH, (i + 1) * BATCH));
  const emptied = () => base.client.query(`TRUNCATE "${base.schema}".usage_events`);

  // Warm up (JIT, the catalog's first reads, plans), then measure from an empty table.
  await billing.usage.ingest(batches[0] ?? []);
  await emptied();
  counting.clear();
  const serverBefore = backend.serverCpuMs?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await profiled(PROFILE, async () => {
    for (const batch of batches) await billing.usage.ingest(batch);
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const serverMs = serverBefore === undefined ? undefined : (backend.serverCpuMs?.() ?? 0) - serverBefore;
  const per = (value: number) => (value / batches.length).toFixed(0);
  console.log(
    `\n${backend.name}: usage.ingest of ${batches.length} batches of ${BATCH.toLocaleString('en-US')} readings (machine shared: wall time is blurred, CPU less so)`,
  );
  console.log(
    `  per batch: ${per(ms)} ms wall (${Math.round((inputs.length * 1000) / ms).toLocaleString('en-US')} events/s), CPU ${per((used.user + used.system) / 1000)} ms here${serverMs === undefined ? '' : ` + ${per(serverMs)} ms in the server`}`,
  );
  const waited = [...counting.ms].sort((a, b) => b[1] - a[1]);
  console.log(`  waiting on SQL per batch: ${waited.map(([kind, total]) => `${kind} ${per(total)} ms`).join(', ')}`);
  console.log(await summarizeCpuProfileFile(PROFILE, 25));

  // The server's side of one batch: each statement again, explained, in a transaction rolled back.
  await emptied();
  counting.clear();
  await billing.usage.ingest(batches[0] ?? []);
  await emptied();
  const rolledBack = new Error('rolled back');
  for (const [kind, { text, params }] of counting.last) {
    if (!/^(SELECT|INSERT|WITH)/.test(kind)) continue;
    await base.client
      .transaction(async (tx: SqlClient) => {
        const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        const lines = plan.map(
          ({ 'QUERY PLAN': line }) => `    ${line.length > 160 ? `${line.slice(0, 160)}…` : line}`,
        );
        console.log(`\n  EXPLAIN ANALYZE, ${kind}:\n${lines.join('\n')}`);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
  }
  await base.client.query(`DROP SCHEMA "${base.schema}" CASCADE`);
} finally {
  await backend.close();
}
