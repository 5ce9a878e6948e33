import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { migrations } from './migrations/migrate';

/*
 * A new PGlite database normally runs `initdb` in WebAssembly first, then the migrations: seconds. This package
 * ships both steps done (`scripts/prepare-pglite-data.ts` writes them): a fresh cluster, and the same cluster with
 * every migration applied in its default schema, each dumped and gzipped, which a new database starts from instead.
 * This file sits one folder below the package root in the sources (`src/`) and in the build (`dist/`), so the same
 * relative path finds the data in both.
 */

/** The prepared data directories (`initdb`: a fresh cluster; `migrated`: with Billfold's schema) and what made them. @internal */
export const INITIAL_DATA_FILES = {
  tarball: new URL('../pglite/initdb.tar.gz', import.meta.url),
  migratedTarball: new URL('../pglite/migrated.tar.gz', import.meta.url),
  description: new URL('../pglite/initdb.json', import.meta.url),
} as const;

/** What the description of the prepared data says made it. @internal */
export interface PreparedDataDescription {
  readonly pglite?: unknown;
  /** {@link migrationsDigest} of the migrations applied in `migrated.tar.gz`. */
  readonly migrations?: unknown;
}

/**
 * A digest of every migration this package knows (versions, names, statements): the prepared migrated data fits
 * this package only when it was made with the same digest.
 * @internal
 */
export function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const { version, name, statements } of migrations) hash.update(JSON.stringify([version, name, statements]));
  return hash.digest('hex');
}

/** The description of the prepared data, or `undefined` when there is none. @internal */
export async function preparedDataDescription(): Promise<PreparedDataDescription | undefined> {
  try {
    return JSON.parse(await readFile(INITIAL_DATA_FILES.description, 'utf8')) as PreparedDataDescription;
  } catch {
    return undefined;
  }
}

/**
 * The tar of a prepared data directory made by the PGlite this package runs with, gunzipped: `migrated` (a cluster
 * with every migration of this package applied in its default schema) only when it was made from these very
 * migrations. `undefined` when there is none that fits.
 * @internal
 */
export async function preparedDataTar(kind: 'initdb' | 'migrated'): Promise<Buffer<ArrayBuffer> | undefined> {
  const made = await preparedDataDescription();
  if (made === undefined || made.pglite !== installedPGliteVersion()) return undefined;
  if (kind === 'migrated' && made.migrations !== migrationsDigest()) return undefined;
  const file = kind === 'migrated' ? INITIAL_DATA_FILES.migratedTarball : INITIAL_DATA_FILES.tarball;
  try {
    return await promisify(gunzip)(await readFile(file));
  } catch {
    return undefined;
  }
}

/** The version of the `@electric-sql/pglite` this package runs with, or `undefined` when it cannot be read. @internal */
export function installedPGliteVersion(): string | undefined {
  try {
    // Its package.json is not exported; its CommonJS entry lies in `dist/` right below it.
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    return manifest.name === '@electric-sql/pglite' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The prepared data directory of a new PGlite database, as PGlite's `loadDataDir` option takes it (a tar of a
 * freshly initialised cluster, user `postgres`), or `undefined` when this installation has none made by the PGlite
 * it runs with (PGlite then runs `initdb` itself, as it always did). `createPostgresStorage` starts every new
 * embedded database it creates from it (or, for its tables in the default schema, from the same cluster with the
 * migrations already applied); pass it yourself when you create the PGlite:
 * @example
 * ```ts
 * const loadDataDir = await pgliteInitialData();
 * const db = await PGlite.create({ dataDir: './billing-data', ...(loadDataDir ? { loadDataDir } : {}) });
 * const storage = await createPostgresStorage({ pglite: db });
 * ```
 * Only for a new database: PGlite refuses `loadDataDir` for a folder that already holds one.
 */
export async function pgliteInitialData(): Promise<Blob | undefined> {
  const tar = await preparedDataTar('initdb');
  return tar === undefined ? undefined : new Blob([tar]);
}
