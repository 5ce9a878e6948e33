/**
 * The start-up benchmark: a new embedded database (PGlite) made ready for billing by `createPostgresStorage` — in
 * memory, and in a new folder — next to its floor, PGlite itself started from the same prepared data directory
 * (nothing of Billfold's: no file read, no migrations), and beside what it cost before: a new folder loaded by PGlite
 * from the fresh cluster then migrated (before the migrated data directory written into the folder by Node; the
 * data read from the package in the run, as `createPostgresStorage` reads it), and
 * PGlite running `initdb`, then the migrations (before any prepared data directory). Interleaved, best of N. Goal:
 * ready in at most 1.5 s. Then what a folder costs on disk, new and after a small billing month.
 *
 * Environment: `BILLFOLD_BENCH_REPETITIONS` (default 3).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { compareWithFloor, type FloorResult, printGoals } from '@billfold/bench-kit';
import { createBilling, createTestClock } from '@billfold/core';
import {
  createPostgresStorage,
  migrate,
  type PostgresStorage,
  pgliteInitialData,
  sqlClientFromPGlite,
} from '../src/index';
import { RUN_AT, seedCatalog, seedSubscriptions } from './seed';

const REPETITIONS = Number(process.env.BILLFOLD_BENCH_REPETITIONS ?? 3);
const GOAL_MS = 1500;

const prepared = await pgliteInitialData();
if (prepared === undefined) {
  throw new Error(
    'no prepared PGlite data for this PGlite version: run `pnpm --filter @billfold/storage-postgres prepare-pglite-data`',
  );
}

/** Bytes of every file under `folder` (their sizes) and bytes the disk holds for them (a sparse file's holes aside). */
async function folderBytes(folder: string): Promise<{ size: number; onDisk: number }> {
  let size = 0;
  let onDisk = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(join(entry.parentPath, entry.name));
    size += info.size;
    onDisk += info.blocks * 512;
  }
  return { size, onDisk };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

let open: { close(): Promise<void> } | undefined;
let folder: string | undefined;
const closeOpen = async () => {
  await open?.close();
  open = undefined;
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
};
const newFolder = async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'billfold-startup-')), 'data');
  return folder;
};

const results: FloorResult[] = await compareWithFloor(
  'PGlite: a new embedded database, ready for billing',
  {
    name: 'PGlite started from the prepared data directory, nothing else',
    run: async () => {
      open = await PGlite.create({ loadDataDir: prepared });
    },
    teardown: closeOpen,
  },
  [
    {
      name: 'createPostgresStorage() — in memory, migrated',
      run: async () => {
        open = await createPostgresStorage();
      },
      teardown: closeOpen,
      goal: { maxMs: GOAL_MS },
    },
    {
      name: 'createPostgresStorage({ dataDir }) — a new folder, migrated',
      setup: newFolder,
      run: async () => {
        open = await createPostgresStorage({ dataDir: folder as string });
      },
      teardown: closeOpen,
      goal: { maxMs: GOAL_MS },
    },
    {
      name: 'before: in memory from the fresh cluster, then the migrations',
      run: async () => {
        const db = await PGlite.create({ loadDataDir: await pgliteInitialData() });
        open = db;
        await migrate(sqlClientFromPGlite(db));
      },
      teardown: closeOpen,
    },
    {
      name: 'before: a new folder loaded by PGlite (loadDataDir) from the fresh cluster, then the migrations',
      setup: newFolder,
      run: async () => {
        const db = await PGlite.create({ dataDir: folder as string, loadDataDir: await pgliteInitialData() });
        open = db;
        await migrate(sqlClientFromPGlite(db));
      },
      teardown: closeOpen,
    },
    {
      name: 'before: PGlite running initdb, then the migrations',
      run: async () => {
        const db = await PGlite.create();
        open = db;
        await migrate(sqlClientFromPGlite(db));
      },
      teardown: closeOpen,
    },
  ],
  { repetitions: REPETITIONS },
);

// What a folder costs on disk: new, and after a month of 1,000 subscriptions with usage.
const dataDir = await newFolder();
const storage: PostgresStorage = await createPostgresStorage({ dataDir });
const fresh = await folderBytes(dataDir);
const billing = createBilling({ storage, clock: createTestClock('2026-02-01T00:05:00.000Z') });
await seedSubscriptions(storage, await seedCatalog(billing), 1000);
await billing.runCycle({ now: RUN_AT });
await storage.close();
const used = await folderBytes(dataDir);
await rm(dataDir, { recursive: true, force: true });
const shipped = async (file: string) => mb((await stat(new URL(`../pglite/${file}`, import.meta.url))).size);
console.log(
  `\n  a new folder holds files of ${mb(fresh.size)} (PostgreSQL's three template databases, Billfold's tables and a 16 MB WAL segment), ${mb(fresh.onDisk)} of it on disk (pages of zeros are left as holes); after 1,000 subscriptions, 10,000 usage events and their invoices: ${mb(used.size)} (${mb(used.onDisk)} on disk). The prepared data ships as ${await shipped('initdb.tar.gz')} (fresh cluster) + ${await shipped('migrated.tar.gz')} (migrated) gzipped in the package.`,
);
printGoals(results);
