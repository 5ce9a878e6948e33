import { randomBytes } from 'node:crypto';
import { rmdirSync, unlinkSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BillingError, BillingErrorCode } from '@billfold/core';
import { currentProcess, hasEnded, type ProcessIdentity } from './process-identity';

/** The lock's folder inside a PGlite data folder. */
export const LOCK_NAME = 'billfold.lock';

/** What the holder writes into the lock: who it is, and the token that names its file. */
interface LockOwner extends ProcessIdentity {
  readonly token: string;
  readonly acquiredAt: string;
}

/** A lock held by this process; `release` gives it back (idempotent). */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/*
 * How the lock stays exclusive, without any lock the kernel would drop for a killed process (Node has no flock):
 * - The lock is a folder, `<dataDir>/billfold.lock`, that holds exactly one file, `<token>.json`, naming its holder.
 *   It is never created empty: the holder writes its file into a staging folder and renames that folder onto the
 *   lock's name. rename(2) succeeds only when the name is free or an empty folder, atomically, so of any number of
 *   processes at most one ends up holding the lock, and a held lock is never empty.
 * - Releasing deletes the holder's own file, then the folder if it is still empty.
 * - A stale lock (its holder ended, e.g. SIGKILL) is taken back by deleting the dead holder's file by its exact
 *   name, then the folder only if empty (rmdir), then trying the rename again. A recoverer can never delete a live
 *   holder's file (another name), and its rmdir fails on a lock a new holder has meanwhile filled; so two processes
 *   recovering the same stale lock at once still end with one holder, the other seeing a live lock.
 * - Whether a holder ended errs on the side of refusing (see `hasEnded`): a reused pid keeps the lock held.
 */

const FOREIGN = 'this version cannot read; if no process uses the folder, delete it';

function locked(dataDir: string, message: string): BillingError {
  return new BillingError(BillingErrorCode.storageLocked, `PGlite folder ${dataDir} ${message}`, {
    path: ['dataDir'],
  });
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The holder named in the lock folder, `undefined` when the folder is gone or empty; throws for foreign contents. */
async function readHolder(dataDir: string, lockPath: string): Promise<LockOwner | undefined> {
  let entries: string[];
  try {
    entries = await readdir(lockPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw locked(dataDir, `has a lock (${lockPath}) ${FOREIGN}`);
  }
  if (entries.length === 0) return undefined;
  const [entry] = entries;
  let owner: Partial<LockOwner> | undefined;
  if (entries.length === 1 && entry !== undefined && entry.endsWith('.json')) {
    try {
      owner = JSON.parse(await readFile(join(lockPath, entry), 'utf8')) as Partial<LockOwner>;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined; // released meanwhile: look again
      owner = undefined;
    }
  }
  const valid =
    owner !== undefined &&
    Number.isSafeInteger(owner.pid) &&
    (owner.pid as number) > 0 &&
    typeof owner.hostname === 'string' &&
    `${owner.token}.json` === entry;
  if (!valid) {
    throw locked(dataDir, `has a lock (${lockPath}) ${FOREIGN}`);
  }
  return owner as LockOwner;
}

/**
 * Takes the single-writer lock of a PGlite data folder (creating the folder when missing), so a second process
 * opening it is refused instead of writing beside the first (PGlite has no lock of its own: both would write and
 * acknowledged writes would be lost). A lock left by a process that ended is taken back.
 * @throws BillingError `storage_locked` (path `["dataDir"]`) naming the folder and the holder's pid.
 * @internal
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_NAME);
  const me = currentProcess();
  const token = `${me.pid}-${randomBytes(8).toString('hex')}`;
  const owner: LockOwner = { ...me, token, acquiredAt: new Date().toISOString() };
  const staging = join(dataDir, `${LOCK_NAME}.${token}.tmp`);
  await mkdir(staging);
  await writeFile(join(staging, `${token}.json`), JSON.stringify(owner));
  try {
    // Each round either takes the lock, refuses, or clears a stale or empty lock; a few rounds settle any race.
    for (let round = 0; round < 8; round++) {
      try {
        await rename(staging, lockPath);
        return heldLock(lockPath, token);
      } catch (error) {
        if (!['ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EPERM', 'EACCES', 'EBUSY'].includes(errorCode(error) ?? ''))
          throw error;
      }
      const holder = await readHolder(dataDir, lockPath);
      if (holder !== undefined && !hasEnded(holder)) {
        const where = holder.hostname === me.hostname ? '' : ` on host ${holder.hostname}`;
        throw locked(
          dataDir,
          `is in use by process ${holder.pid}${where} (lock ${lockPath}): one process at a time may open it`,
        );
      }
      if (holder !== undefined) await unlink(join(lockPath, `${holder.token}.json`)).catch(ignore('ENOENT'));
      await rmdir(lockPath).catch(ignore('ENOENT', 'ENOTEMPTY', 'EEXIST'));
    }
    throw locked(dataDir, `is contended: its lock ${lockPath} changed hands while opening; try again`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A catch handler that swallows errors with these codes (a file someone else removed first). */
function ignore(...codes: string[]) {
  return (error: unknown) => {
    if (!codes.includes(errorCode(error) ?? '')) throw error;
  };
}

/** Deletes this holder's file, then the lock folder when nothing else is in it (a new holder may be). */
function releaseSync(lockPath: string, token: string): void {
  try {
    unlinkSync(join(lockPath, `${token}.json`));
  } catch {
    return; // not ours any more (or gone): never touch what another holder wrote
  }
  try {
    rmdirSync(lockPath);
  } catch {
    // a new holder took it already
  }
}

function heldLock(lockPath: string, token: string): DataDirLock {
  // A process that exits without closing still gives the lock back; a killed one leaves it stale (recoverable).
  const onExit = () => releaseSync(lockPath, token);
  process.once('exit', onExit);
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      releaseSync(lockPath, token);
    },
  };
}
