import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { type PostgresCluster, startPostgresCluster } from '@billfold/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import type { AgingReport } from '@billfold/core';
import { captureIo } from './support/capture-io';

/*
 * `billfold demo --db` and `billfold report aging --db` on a real PostgreSQL server (DATABASE_URL, or a
 * throwaway cluster from @billfold/storage-postgres/testing), against the same commands on PGlite in a
 * folder. The demo is deterministic, so everything it prints must match, except where the records live.
 */

const SCHEMA = `demo_e2e_${process.pid}`;
const DEMO = ['--customers', '6', '--months', '2', '--schema', SCHEMA];
const AS_OF = ['--now', '2026-03-01'];

let cluster: PostgresCluster | undefined;
let unavailable: string | undefined;
try {
  cluster = await startPostgresCluster();
} catch (error) {
  unavailable = (error as Error).message;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'billfold-cli-server-'));
});

afterAll(async () => {
  if (cluster !== undefined) {
    // DATABASE_URL may be a shared server: leave nothing behind there.
    const storage = await createPostgresStorage({ connectionString: cluster.connectionString, migrate: false });
    await storage.client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await storage.close();
    await cluster.stop();
  }
  if (root) await rm(root, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const io = captureIo(root);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The printout with where the records and documents live replaced by placeholders. */
function placeless(lines: readonly string[], where: string, docs: string): string[] {
  return lines.map((line) =>
    line
      .replaceAll(where, '<where>')
      .replaceAll(docs, '<docs>')
      .replace(/(billfold report aging) --\S+ \S+/, '$1 <db>'),
  );
}

const suite = unavailable === undefined || process.env.CI ? describe : describe.skip;

suite(`billfold demo and report on a PostgreSQL server${unavailable ? ` — skipped: ${unavailable}` : ''}`, () => {
  it('has a server to run on', () => {
    expect(unavailable, 'no DATABASE_URL and no throwaway cluster').toBeUndefined();
  });

  it('prints the same demo figures and aging report as on PGlite, and keeps the records on the server', async () => {
    const url = (cluster as PostgresCluster).connectionString;
    const host = new URL(url).host;
    const serverWhere = `PostgreSQL at ${host}/postgres (schema ${SCHEMA})`;
    const dataDir = join(root, 'data');
    const pgliteWhere = `PGlite in ${dataDir} (schema ${SCHEMA})`;

    const onServer = await run('demo', '--db', url, ...DEMO, '--out', 'server-docs');
    expect(onServer.code, onServer.stderr.join('\n')).toBe(0);
    expect(onServer.stdout[0]).toContain(`on ${serverWhere}`);
    const onPGlite = await run('demo', '--data-dir', 'data', ...DEMO, '--out', 'pglite-docs');
    expect(onPGlite.code, onPGlite.stderr.join('\n')).toBe(0);
    expect(onPGlite.stdout[0]).toContain(`on ${pgliteWhere}`);

    const serverText = placeless(onServer.stdout, serverWhere, join(root, 'server-docs'));
    expect(serverText).toEqual(placeless(onPGlite.stdout, pgliteWhere, join(root, 'pglite-docs')));
    // The compared printout really holds each month's totals per currency.
    const totals = serverText.filter((line) => /^ {2}(invoices made|payments received|outstanding) /.test(line));
    expect(totals).toHaveLength(6);
    expect(totals.some((line) => /EUR\s+[1-9]\d*\.\d{2}\s+USD\s+[1-9]\d*\.\d{2}/.test(line))).toBe(true);

    // The invoices it printed are in the server's schema.
    const printed = /^Invoices {6}INV-2026-000001 … INV-2026-\d{6} \((\d+), no gaps\)$/.exec(
      serverText.find((line) => line.startsWith('Invoices ')) ?? '',
    );
    const stored = await createPostgresStorage({ connectionString: url, schema: SCHEMA, migrate: false });
    try {
      const rows = await stored.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${SCHEMA}".invoices`);
      expect(rows[0]?.n).toBe(Number(printed?.[1]));
    } finally {
      await stored.close();
    }

    const agingOnServer = await run('report', 'aging', '--db', url, '--schema', SCHEMA, ...AS_OF);
    const agingOnPGlite = await run('report', 'aging', '--data-dir', 'data', '--schema', SCHEMA, ...AS_OF);
    expect(agingOnServer.code, agingOnServer.stderr.join('\n')).toBe(0);
    expect(agingOnServer.stdout).toEqual(agingOnPGlite.stdout);
    expect(agingOnServer.stdout.at(-1)).toMatch(/^Total\s+EUR\s/);

    const json = async (...where: string[]) =>
      JSON.parse((await run('report', 'aging', ...where, '--schema', SCHEMA, ...AS_OF, '--json')).stdout.join('\n'));
    const report = (await json('--db', url)) as AgingReport;
    expect(report).toEqual(await json('--data-dir', 'data'));
    expect(report.rows.length).toBeGreaterThan(0);
    // The demo printed this outstanding total at the end of its last month.
    const outstanding = serverText.filter((line) => line.startsWith('  outstanding')).at(-1) ?? '';
    for (const total of report.totals) {
      expect(outstanding).toMatch(new RegExp(`${total.currency}\\s+${total.total.replace('.', '\\.')}\\b`));
    }
  });
});
