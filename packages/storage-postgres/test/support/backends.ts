import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, inject, it } from 'vitest';
import { createPostgresStorage, type PostgresStorage } from '../../src/index';

/*
 * Test backends. Each test gets its storage in a fresh schema; the PGlite instance and the server pool are
 * shared by every test of a worker (PGlite takes about 2 s and 750 MB to start).
 */

let pglite: Promise<PGlite> | undefined;
let pool: pg.Pool | undefined;
let counter = 0;

/** The worker's shared in-memory PGlite. */
export function sharedPGlite(): Promise<PGlite> {
  pglite ??= PGlite.create();
  return pglite;
}

/** A schema name no other test of the run uses. */
export function freshSchema(): string {
  counter += 1;
  return `t_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

/** The server URL of the run, or `undefined` when there is none. */
export function serverUrl(): string | undefined {
  return inject('postgresUrl');
}

/** A new pool on the run's server (the caller ends it). */
export function newPool(max = 10): pg.Pool {
  const url = serverUrl();
  if (url === undefined) throw new Error('no PostgreSQL server');
  return new pg.Pool({ connectionString: url, max, allowExitOnIdle: true });
}

/** The worker's shared pool on the run's server. */
export function sharedPool(): pg.Pool {
  pool ??= newPool(20);
  return pool;
}

/** A backend the focused suites and the conformance kit run against. */
export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** Storage over empty tables in a fresh schema. */
  storage(): Promise<PostgresStorage>;
}

/** Drops the schema of a storage a backend made, and everything in it. */
export async function dropSchema(storage: PostgresStorage): Promise<void> {
  await storage.client.query(`DROP SCHEMA IF EXISTS "${storage.schema}" CASCADE`);
}

/** Storage over the worker's shared PGlite, in a fresh schema per call. */
export const pgliteBackend: Backend = {
  name: 'pglite',
  storage: async () => createPostgresStorage({ pglite: await sharedPGlite(), schema: freshSchema() }),
};

/** Storage over the worker's shared server pool, in a fresh schema per call. */
export const postgresBackend: Backend = {
  name: 'postgres',
  storage: () => createPostgresStorage({ pool: sharedPool(), schema: freshSchema() }),
};

/**
 * Registers `body` for a real PostgreSQL server. Without one, the suite fails when `CI` is set (CI must
 * prove PostgreSQL works) and is skipped with the reason otherwise.
 */
export function describeServer(name: string, body: () => void): void {
  const unavailable = inject('postgresUnavailable');
  if (unavailable === undefined) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('has a PostgreSQL server to run against', () => {
        throw new Error(`${unavailable} (CI is set, so the server suites must run)`);
      });
    });
  } else {
    describe.skip(`${name} — skipped: ${unavailable}`, body);
  }
}

/** Registers `body` once per backend: PGlite, and the server (see {@link describeServer}). */
export function describeBackends(name: string, body: (backend: Backend) => void): void {
  describe(`${name} (pglite)`, () => body(pgliteBackend));
  describeServer(`${name} (postgres)`, () => body(postgresBackend));
}
