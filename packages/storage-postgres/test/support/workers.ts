import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChildConfig, ChildMessage } from './run-cycle-child';

const CHILD = fileURLToPath(new URL('./run-cycle-child.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A billing worker in its own OS process (see `run-cycle-child.ts`). */
export interface Worker {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next message of `type`, or a rejection when the worker fails or exits first. */
  next<K extends ChildMessage['type']>(type: K): Promise<Extract<ChildMessage, { type: K }>>;
  /** Tells the worker to start its run. */
  go(): void;
  /** Kills the worker with SIGKILL (no cleanup: its connections just drop) and waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts a worker: `node --import tsx --conditions=@billfold/source run-cycle-child.ts <config>`. */
export function startWorker(config: ChildConfig): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@billfold/source', CHILD, JSON.stringify(config)],
    { cwd: PACKAGE_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const messages: ChildMessage[] = [];
  const waiting: (() => void)[] = [];
  let stderr = '';
  let exited = false;
  const wake = () => {
    for (const resume of waiting.splice(0)) resume();
  };
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    messages.push(JSON.parse(line) as ChildMessage);
    wake();
  });
  const closed = new Promise<void>((resolve) => {
    child.on('close', () => {
      exited = true;
      wake();
      resolve();
    });
  });
  return {
    process: child,
    async next(type) {
      for (;;) {
        const failed = messages.find((m) => m.type === 'failed');
        if (failed?.type === 'failed') throw new Error(`worker failed: ${failed.message}`);
        const index = messages.findIndex((m) => m.type === type);
        if (index >= 0) return messages.splice(index, 1)[0] as Extract<ChildMessage, { type: typeof type }>;
        if (exited) throw new Error(`worker exited (${child.exitCode}) before "${type}": ${stderr}`);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    go() {
      child.stdin.write('go\n');
    },
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await closed;
    },
  };
}
