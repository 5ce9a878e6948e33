import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sqlClientFromPGlite } from '../src/client/pglite-client';
import { migrate } from '../src/migrations/migrate';
import {
  INITIAL_DATA_FILES,
  installedPGliteVersion,
  migrationsDigest,
  type PreparedDataDescription,
} from '../src/pglite-initial-data';

/** What {@link writePGliteInitialData} did. */
export interface PreparedPGliteData {
  /** `false` when the prepared data was already made by the installed PGlite and was left as it was. */
  readonly written: boolean;
  /** The gzipped tarballs' sizes in bytes (fresh cluster, migrated cluster). */
  readonly bytes: number;
  readonly migratedBytes: number;
}

/** What made the prepared data on disk, or `undefined` when there is none. */
function preparedBy(): PreparedDataDescription | undefined {
  try {
    return JSON.parse(readFileSync(INITIAL_DATA_FILES.description, 'utf8')) as PreparedDataDescription;
  } catch {
    return undefined;
  }
}

/** The data directory of `db`, after a checkpoint, as an uncompressed tar. */
async function dump(db: PGlite): Promise<Buffer> {
  await db.query('CHECKPOINT');
  return Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
}

/**
 * Writes the prepared PGlite data directories: `pglite/initdb.tar.gz`, a freshly initialised cluster (`initdb`,
 * nothing of Billfold's yet), and `pglite/migrated.tar.gz`, the same cluster with every migration of this package
 * applied in its default schema, each dumped and gzipped; and `pglite/initdb.json` saying which PGlite, PostgreSQL
 * and migrations made them. Leaves them alone when the installed PGlite and these migrations already made them.
 * The package's `build` and the test set-up call this, so a clean clone and the packed package both have them; the
 * folder is not committed.
 */
export async function writePGliteInitialData(): Promise<PreparedPGliteData> {
  const made = preparedBy();
  if (made?.pglite === installedPGliteVersion() && made?.migrations === migrationsDigest()) {
    return {
      written: false,
      bytes: readFileSync(INITIAL_DATA_FILES.tarball).length,
      migratedBytes: readFileSync(INITIAL_DATA_FILES.migratedTarball).length,
    };
  }
  const db = await PGlite.create();
  const [{ server_version: postgres } = { server_version: '' }] = (
    await db.query<{ server_version: string }>('SHOW server_version')
  ).rows;
  const fresh = await dump(db);
  await migrate(sqlClientFromPGlite(db));
  const migrated = await dump(db);
  await db.close();
  mkdirSync(new URL('.', INITIAL_DATA_FILES.tarball), { recursive: true });
  const gzipped = gzipSync(fresh, { level: 9 });
  const migratedGzipped = gzipSync(migrated, { level: 9 });
  writeFileSync(INITIAL_DATA_FILES.tarball, gzipped);
  writeFileSync(INITIAL_DATA_FILES.migratedTarball, migratedGzipped);
  writeFileSync(
    INITIAL_DATA_FILES.description,
    `${JSON.stringify(
      { pglite: installedPGliteVersion(), postgres, bytes: fresh.length, migrations: migrationsDigest() },
      null,
      2,
    )}\n`,
  );
  return { written: true, bytes: gzipped.length, migratedBytes: migratedGzipped.length };
}
