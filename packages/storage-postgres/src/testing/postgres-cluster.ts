import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server for a test run: `DATABASE_URL`, or a throwaway cluster in a temporary folder. */
export interface PostgresCluster {
  /** Where to connect: `postgres://postgres@127.0.0.1:<port>/postgres` for a throwaway cluster. */
  readonly connectionString: string;
  /** `true` when the cluster was started for this call (and {@link PostgresCluster.stop} removes it). */
  readonly throwaway: boolean;
  /**
   * Stops a throwaway cluster (immediate shutdown) and deletes its folder; does nothing for a server given by
   * `DATABASE_URL`. Calling it again does nothing.
   */
  stop(): Promise<void>;
}

/** Options of {@link startPostgresCluster}. */
export interface StartPostgresClusterOptions {
  /**
   * A server to use instead of starting one (default `process.env.DATABASE_URL`; an empty string counts as
   * unset). `false` always starts a throwaway cluster.
   */
  readonly databaseUrl?: string | false;
  /** `max_connections` of a throwaway cluster (default 200). */
  readonly maxConnections?: number;
}

/** The folder of `initdb` and `pg_ctl`: on PATH, else Debian's versioned folder (newest first). */
function binaryFolder(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir;
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(debian, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
}

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Gives tests a PostgreSQL server: `DATABASE_URL` when it is set (see
 * {@link StartPostgresClusterOptions.databaseUrl}), else a throwaway cluster: `initdb` (trust auth, no fsync) in
 * a new temporary folder and `pg_ctl start` on a free port, listening on 127.0.0.1 only, with its socket in the
 * same folder. PostgreSQL refuses to run as root, so as root both run as the `postgres` OS user (through
 * `runuser`), which must exist. `initdb` is looked up on `PATH`, then in `/usr/lib/postgresql/<version>/bin`.
 *
 * Starting takes about a second. Start one per test run (e.g. in a vitest `globalSetup`, or `beforeAll` of a
 * file) and give each test its own schema (`createPostgresStorage({ connectionString, schema })`). Always call
 * `stop()`, e.g. in `afterAll`: a cluster left running outlives the test process.
 * @throws Error when `initdb` is missing or the cluster does not start (nothing is left behind then).
 * @example
 * ```ts
 * import { createPostgresStorage } from '@billfold/storage-postgres';
 * import { startPostgresCluster } from '@billfold/storage-postgres/testing';
 *
 * const cluster = await startPostgresCluster();
 * const storage = await createPostgresStorage({ connectionString: cluster.connectionString, schema: 'test_1' });
 * // … run tests …
 * await storage.close();
 * await cluster.stop();
 * ```
 */
export async function startPostgresCluster(options: StartPostgresClusterOptions = {}): Promise<PostgresCluster> {
  const given = options.databaseUrl ?? process.env.DATABASE_URL;
  if (given) return { connectionString: given, throwaway: false, stop: async () => {} };
  const bin = binaryFolder();
  if (bin === undefined) throw new Error('initdb was not found (install the PostgreSQL server binaries)');
  const dir = await mkdtemp(join(tmpdir(), 'billfold-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const exec = async (file: string, args: string[]) => {
    const command = join(bin, file);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args);
  };
  try {
    if (asRoot) {
      const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
        run('id', ['-u', 'postgres']),
        run('id', ['-g', 'postgres']),
      ]);
      await chown(dir, Number(uid.trim()), Number(gid.trim()));
    }
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const port = await freePort();
    const maxConnections = options.maxConnections ?? 200;
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=${maxConnections}`;
    await exec('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', 'start']);
    let stopped: Promise<void> | undefined;
    return {
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      throwaway: true,
      stop() {
        stopped ??= (async () => {
          await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
          await rm(dir, { recursive: true, force: true });
        })();
        return stopped;
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
