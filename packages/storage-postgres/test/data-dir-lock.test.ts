import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BillingError, isBillingError } from '@billfold/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_NAME, lockDataDir } from '../src/client/data-dir-lock';
import { createPostgresStorage } from '../src/index';
import { expectBillingError } from './support/expect-billing-error';
import type { LockChildConfig, LockChildMessage } from './support/lock-child';
import { type ChildScript, startChild } from './support/workers';

/*
 * A PGlite folder has one writer. Without the lock, two processes on one folder both "succeed" and lose each
 * other's acknowledged writes. Here real OS processes race for the lock: started together, exactly one wins; a
 * holder killed with SIGKILL leaves a stale lock that exactly one of several racing processes takes back.
 */

const CHILD = fileURLToPath(new URL('./support/lock-child.ts', import.meta.url));

type LockChild = ChildScript<LockChildMessage>;

let root = '';
let dataDir = '';
const children: LockChild[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'billfold-lock-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill()));
  await rm(root, { recursive: true, force: true });
});

/** Children that have all started and wait for `go`. */
async function readyChildren(count: number, mode: LockChildConfig['mode']): Promise<LockChild[]> {
  const started = Array.from({ length: count }, () => {
    const child = startChild<LockChildMessage>(CHILD, { dataDir, mode } satisfies LockChildConfig);
    children.push(child);
    return child;
  });
  await Promise.all(started.map((child) => child.next('ready')));
  return started;
}

/** Says `go` to every child at once and sorts them by outcome. */
async function race(contenders: readonly LockChild[]) {
  for (const child of contenders) child.send('go');
  const outcomes = await Promise.all(
    contenders.map(async (child) => {
      const message = await child.next('locked', 'refused');
      return { child, message };
    }),
  );
  const winners = outcomes.filter((o) => o.message.type === 'locked');
  const losers = outcomes.flatMap((o) => (o.message.type === 'refused' ? [o.message] : []));
  return { winners, losers };
}

/** Writes a lock as a holder with these identity fields would have left it. */
async function writeLock(owner: Record<string, unknown>): Promise<void> {
  const token = `${String(owner.pid)}-0123456789abcdef`;
  await mkdir(join(dataDir, LOCK_NAME), { recursive: true });
  await writeFile(join(dataDir, LOCK_NAME, `${token}.json`), JSON.stringify({ ...owner, token }));
}

/** The BillingError a promise rejects with. */
async function refusal(action: Promise<unknown>): Promise<BillingError> {
  const error = await action.then(
    () => expect.fail('expected storage_locked, but the folder opened'),
    (reason: unknown) => reason,
  );
  if (!isBillingError(error)) throw error;
  return error;
}

describe('a PGlite folder has one writer', () => {
  it('refuses a second storage in this process, naming the folder and pid, until the first closes', async () => {
    const first = await createPostgresStorage({ dataDir });
    const error = await refusal(createPostgresStorage({ dataDir }));
    expect([error.code, error.path]).toEqual(['storage_locked', ['dataDir']]);
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain(`process ${process.pid}`);
    await first.close();
    expect(await readdir(dataDir)).not.toContain(LOCK_NAME);
    const again = await createPostgresStorage({ dataDir: `file://${dataDir}` });
    await expectBillingError(createPostgresStorage({ dataDir: join(dataDir, '..', 'data') }), 'storage_locked');
    await again.close();
  });

  it('refuses a second process while one holds the folder, and lets it in once the first releases', async () => {
    const [holder, second] = (await readyChildren(2, 'storage')) as [LockChild, LockChild];
    holder.send('go');
    const { pid } = await holder.next('locked');
    second.send('go');
    const refused = await second.next('refused');
    expect([refused.code, refused.path]).toEqual(['storage_locked', ['dataDir']]);
    expect(refused.message).toContain(`process ${pid}`);
    expect(refused.message).toContain(dataDir);
    holder.send('release');
    await holder.next('released');
    const storage = await createPostgresStorage({ dataDir });
    // The holder's write is there: it was the only writer.
    expect((await storage.customers.get(`cus_pid_${pid}`))?.id).toBe(`cus_pid_${pid}`);
    await storage.close();
  });

  it('takes back the lock of a holder killed with SIGKILL', async () => {
    const [holder] = (await readyChildren(1, 'storage')) as [LockChild];
    holder.send('go');
    const { pid } = await holder.next('locked');
    await holder.kill();
    expect(await readdir(join(dataDir, LOCK_NAME))).toEqual([expect.stringMatching(new RegExp(`^${pid}-`))]);
    const storage = await createPostgresStorage({ dataDir });
    expect((await storage.customers.get(`cus_pid_${pid}`))?.id).toBe(`cus_pid_${pid}`);
    await storage.close();
  });

  it('of processes started at the same moment, exactly one wins; the others name it', async () => {
    const { winners, losers } = await race(await readyChildren(4, 'lock'));
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as (typeof winners)[number]).message as { pid: number };
    expect(losers).toHaveLength(3);
    for (const loser of losers) {
      expect(loser.code).toBe('storage_locked');
      expect(loser.message).toContain(`process ${winner.pid}`);
    }
  });

  // Twelve processes in all: more than the default timeout on a busy machine.
  it('of processes recovering one stale lock at the same moment, exactly one wins, round after round', {
    timeout: 180_000,
  }, async () => {
    for (let round = 0; round < 3; round++) {
      const [holder, ...contenders] = await readyChildren(4, 'lock');
      (holder as LockChild).send('go');
      const dead = await (holder as LockChild).next('locked');
      await (holder as LockChild).kill();
      const { winners, losers } = await race(contenders);
      expect(winners).toHaveLength(1);
      const winner = (winners[0] as (typeof winners)[number]).message as { pid: number };
      expect(losers.map((loser) => loser.message.includes(`process ${winner.pid}`))).toEqual([true, true]);
      expect(losers.some((loser) => loser.message.includes(`process ${dead.pid}`))).toBe(false);
      await Promise.all(children.splice(0).map((child) => child.kill()));
    }
  });

  it('in one process, of many concurrent attempts exactly one wins, on a free and on a stale lock', async () => {
    // A pid that ended: a process that ran and exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    for (let round = 0; round < 20; round++) {
      if (round % 2 === 1) await writeLock({ pid: dead, hostname: hostname() });
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => lockDataDir(dataDir)));
      const held = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(held).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as BillingError).code).toBe('storage_locked');
      }
      await held[0]?.release();
      expect(existsSync(join(dataDir, LOCK_NAME))).toBe(false);
    }
  });
});

describe('whether a holder ended errs on the side of refusing', () => {
  it('refuses a lock naming a live pid it cannot tell apart from the holder (pid reuse)', async () => {
    // The parent of this test process is alive; without a start time, a reused pid looks the same.
    await writeLock({ pid: process.ppid, hostname: hostname() });
    const error = await refusal(lockDataDir(dataDir));
    expect(error.code).toBe('storage_locked');
    expect(error.message).toContain(`process ${process.ppid}`);
  });

  it('refuses a lock from another host, whose processes it cannot see', async () => {
    await writeLock({ pid: 999_999_999, hostname: 'elsewhere.example' });
    const error = await refusal(lockDataDir(dataDir));
    expect(error.message).toContain('on host elsewhere.example');
  });

  it.runIf(existsSync('/proc/self/stat'))('takes back a lock whose live pid started at another time', async () => {
    await writeLock({ pid: process.ppid, hostname: hostname(), startTicks: '1' });
    const lock = await lockDataDir(dataDir);
    await lock.release();
  });

  it.runIf(existsSync('/proc/sys/kernel/random/boot_id'))('takes back a lock from before a reboot', async () => {
    await writeLock({ pid: process.ppid, hostname: hostname(), bootId: 'another-boot' });
    const lock = await lockDataDir(dataDir);
    await lock.release();
  });

  it('refuses a lock it cannot read, naming it', async () => {
    await mkdir(join(dataDir, LOCK_NAME), { recursive: true });
    await writeFile(join(dataDir, LOCK_NAME, 'notes.txt'), 'mine');
    const error = await refusal(lockDataDir(dataDir));
    expect(error.code).toBe('storage_locked');
    expect(error.message).toContain(join(dataDir, LOCK_NAME));
  });
});
