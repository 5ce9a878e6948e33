/**
 * The databases the benchmarks run on: an in-memory PGlite, and a PostgreSQL server (`DATABASE_URL`, or a
 * throwaway cluster started here). Each gives storage in a fresh schema per call and a COPY of CSV rows into a
 * table of that schema, the floor of bulk writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPostgresStorage, type PostgresStorage } from '../src/index';
import { type PostgresCluster, startPostgresCluster } from '../src/testing/index';

/** A database a benchmark runs on. */
export interface BenchBackend {
  readonly name: string;
  readonly kind: 'pglite' | 'postgres';
  /** Storage in `schema` (migrated). */
  storage(schema: string): Promise<PostgresStorage>;
  /** `COPY <schema>.<table> (<columns>) FROM STDIN (FORMAT csv)` of `csv`: the fastest way in. */
  copy(schema: string, table: string, columns: readonly string[], csv: string): Promise<void>;
  /** Where to connect from another process (the server only). */
  readonly connectionString?: string;
  /**
   * CPU milliseconds the database server's processes have used so far (a throwaway cluster on this machine only),
   * so a benchmark on a shared machine can report work done as well as time taken. PGlite runs inside this process.
   */
  readonly serverCpuMs?: () => number;
  close(): Promise<void>;
}

/** The backends named in `BILLFOLD_BENCH_BACKENDS` (`pglite,postgres` by default), in that order. */
export function backendNames(): string[] {
  return (process.env.BILLFOLD_BENCH_BACKENDS ?? 'pglite,postgres').split(',').map((name) => name.trim());
}

const copyStatement = (schema: string, table: string, columns: readonly string[], source: string) =>
  `COPY "${schema}"."${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source} (FORMAT csv)`;

/** An in-memory PGlite. */
export async function pgliteBackend(): Promise<BenchBackend> {
  const db = await PGlite.create();
  return {
    name: 'PGlite',
    kind: 'pglite',
    storage: (schema) => createPostgresStorage({ pglite: db, schema }),
    copy: async (schema, table, columns, csv) => {
      await db.query(copyStatement(schema, table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
    close: () => db.close(),
  };
}

/** The PostgreSQL server of `DATABASE_URL`, or a throwaway cluster; `undefined` (said why) when neither works. */
export async function postgresBackend(poolSize = 10): Promise<BenchBackend | undefined> {
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    console.log(`\nPostgreSQL server skipped: no DATABASE_URL and no throwaway cluster (${(error as Error).message})`);
    return undefined;
  }
  const url = cluster.connectionString;
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const port = new URL(url).port;
  const version = await pool.query<{ server_version: string }>('SHOW server_version');
  return {
    name: `PostgreSQL ${version.rows[0]?.server_version ?? ''}`.trim(),
    kind: 'postgres',
    connectionString: url,
    ...(cluster.throwaway ? { serverCpuMs: () => clusterCpuMs(port) } : {}),
    storage: (schema) => createPostgresStorage({ pool, schema }),
    copy: async (schema, table, columns, csv) => {
      const client = await pool.connect();
      try {
        await pipeline(Readable.from([csv]), client.query(copyFrom(copyStatement(schema, table, columns, 'STDIN'))));
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await cluster.stop();
    },
  };
}

/** The backend called `name` (`pglite` or `postgres`), or `undefined` when it cannot start. */
export function openBackend(name: string): Promise<BenchBackend | undefined> {
  if (name === 'pglite') return pgliteBackend();
  if (name === 'postgres') return postgresBackend();
  throw new Error(`unknown backend "${name}" in BILLFOLD_BENCH_BACKENDS (pglite, postgres)`);
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The `stat` fields of a process (after its name), or `undefined` when it has gone. */
function statOf(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds of the PostgreSQL server listening on `port` on this machine: its postmaster (with the children
 * it has reaped) and its live backends, from `/proc` (Linux; 0 elsewhere).
 */
function clusterCpuMs(port: string): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const ticks = (fields: string[], from: number, count: number) =>
    fields.slice(from, from + count).reduce((sum, value) => sum + Number(value), 0);
  const postmaster = pids.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0]?.endsWith('postgres') === true && args.includes(`-p`) && args.includes(port);
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return 0;
  let total = 0;
  for (const pid of pids) {
    const fields = statOf(pid);
    if (fields === undefined) continue;
    // Fields after the name: [1] ppid; [11] utime, [12] stime, [13] cutime, [14] cstime (clock ticks of 10 ms).
    if (pid === postmaster) total += ticks(fields, 11, 4);
    else if (fields[1] === postmaster) total += ticks(fields, 11, 2);
  }
  return total * 10;
}
