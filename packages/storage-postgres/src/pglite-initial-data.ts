import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

/*
 * A new PGlite database normally runs `initdb` in WebAssembly first: seconds. This package ships that step done
 * (`scripts/prepare-pglite-data.ts` writes it): a fresh cluster, dumped and gzipped, which PGlite loads instead
 * (`loadDataDir`). This file sits one folder below the package root in the sources (`src/`) and in the build
 * (`dist/`), so the same relative path finds the data in both.
 */

/** The prepared data directory and what made it. @internal */
export const INITIAL_DATA_FILES = {
  tarball: new URL('../pglite/initdb.tar.gz', import.meta.url),
  description: new URL('../pglite/initdb.json', import.meta.url),
} as const;

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
 * it runs with (PGlite then runs `initdb` itself, as it always did). `createPostgresStorage` uses it for every new
 * embedded database it creates; pass it yourself when you create the PGlite:
 * @example
 * ```ts
 * const loadDataDir = await pgliteInitialData();
 * const db = await PGlite.create({ dataDir: './billing-data', ...(loadDataDir ? { loadDataDir } : {}) });
 * const storage = await createPostgresStorage({ pglite: db });
 * ```
 * Only for a new database: PGlite refuses `loadDataDir` for a folder that already holds one.
 */
export async function pgliteInitialData(): Promise<Blob | undefined> {
  let made: { pglite?: unknown };
  try {
    made = JSON.parse(await readFile(INITIAL_DATA_FILES.description, 'utf8')) as { pglite?: unknown };
  } catch {
    return undefined;
  }
  if (made.pglite !== installedPGliteVersion()) return undefined;
  const tarball = await promisify(gunzip)(await readFile(INITIAL_DATA_FILES.tarball));
  return new Blob([tarball]);
}
