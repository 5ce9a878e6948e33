/**
 * A process that opens a PGlite data folder, for the single-writer tests: it says `ready`, waits for `go` on stdin
 * (so several children can try at the same moment), then takes the folder (`lock`: the lock alone; `storage`: a
 * whole storage that also writes a customer) and says `locked`, or `refused` with the BillingError. It then holds
 * the folder until `release` (or until it is killed). One JSON message per stdout line. Run with
 * `node --import tsx --conditions=@billfold/source lock-child.ts '<LockChildConfig JSON>'`.
 */
import { createInterface } from 'node:readline';
import { isBillingError } from '@billfold/core';
import { lockDataDir } from '../../src/client/data-dir-lock';
import { createPostgresStorage } from '../../src/index';
import { customer } from './records';
import { childArgument } from './child-argument';

/** What the test passes as the one argument. */
export interface LockChildConfig {
  readonly dataDir: string;
  readonly mode: 'lock' | 'storage';
}

/** What the child prints. */
export type LockChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'locked'; readonly pid: number }
  | { readonly type: 'refused'; readonly code: string; readonly message: string; readonly path: readonly unknown[] }
  | { readonly type: 'released' }
  | { readonly type: 'failed'; readonly message: string };

const say = (message: LockChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Opens the folder the way `mode` says; returns how to give it back. */
async function open(config: LockChildConfig): Promise<() => Promise<void>> {
  if (config.mode === 'lock') {
    const lock = await lockDataDir(config.dataDir);
    return () => lock.release();
  }
  const storage = await createPostgresStorage({ dataDir: config.dataDir });
  await storage.customers.insert(customer({ id: `cus_pid_${process.pid}` }));
  return () => storage.close();
}

async function main(config: LockChildConfig): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value as string | undefined;
  say({ type: 'ready' });
  if ((await nextLine()) !== 'go') return;
  let release: () => Promise<void>;
  try {
    release = await open(config);
  } catch (error) {
    if (!isBillingError(error)) throw error;
    say({ type: 'refused', code: error.code, message: error.message, path: error.path });
    return;
  }
  say({ type: 'locked', pid: process.pid });
  if ((await nextLine()) !== 'release') return;
  await release();
  say({ type: 'released' });
}

main(childArgument<LockChildConfig>()).then(
  () => process.exit(0),
  (error: unknown) => {
    say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  },
);
