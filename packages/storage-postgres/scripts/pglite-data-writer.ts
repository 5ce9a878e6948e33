import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { INITIAL_DATA_FILES, installedPGliteVersion } from '../src/pglite-initial-data';

/** What {@link writePGliteInitialData} did. */
export interface PreparedPGliteData {
  /** `false` when the prepared data was already made by the installed PGlite and was left as it was. */
  readonly written: boolean;
  /** The gzipped tarball's size in bytes. */
  readonly bytes: number;
}

/** The PGlite version that made the prepared data on disk, or `undefined` when there is none. */
function preparedBy(): unknown {
  try {
    return (JSON.parse(readFileSync(INITIAL_DATA_FILES.description, 'utf8')) as { pglite?: unknown }).pglite;
  } catch {
    return undefined;
  }
}

/**
 * Writes the prepared PGlite data directory (`pglite/initdb.tar.gz`, and `pglite/initdb.json` saying which PGlite
 * and PostgreSQL made it): a freshly initialised cluster (`initdb`, nothing of Billfold's yet), dumped and gzipped.
 * Leaves it alone when the installed PGlite already made it. The package's `build` and the test set-up call this,
 * so a clean clone and the packed package both have it; the folder is not committed.
 */
export async function writePGliteInitialData(): Promise<PreparedPGliteData> {
  if (preparedBy() === installedPGliteVersion()) {
    return { written: false, bytes: readFileSync(INITIAL_DATA_FILES.tarball).length };
  }
  const db = await PGlite.create();
  const [{ server_version: postgres } = { server_version: '' }] = (
    await db.query<{ server_version: string }>('SHOW server_version')
  ).rows;
  await db.query('CHECKPOINT');
  const dump = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
  await db.close();
  mkdirSync(new URL('.', INITIAL_DATA_FILES.tarball), { recursive: true });
  const gzipped = gzipSync(dump, { level: 9 });
  writeFileSync(INITIAL_DATA_FILES.tarball, gzipped);
  writeFileSync(
    INITIAL_DATA_FILES.description,
    `${JSON.stringify({ pglite: installedPGliteVersion(), postgres, bytes: dump.length }, null, 2)}\n`,
  );
  return { written: true, bytes: gzipped.length };
}
