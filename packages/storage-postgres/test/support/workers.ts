import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { childArgumentText } from './child-argument';
import type { ChildConfig, ChildMessage } from './run-cycle-child';

const CHILD = fileURLToPath(new URL('./run-cycle-child.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A test script in its own OS process that prints one JSON message per stdout line (`failed` when it breaks). */
export interface ChildScript<M extends { readonly type: string }> {
  readonly process: ChildProcessWithoutNullStreams;
  /** The next message of one of `types`, or a rejection when the child fails or exits first. */
  next<K extends M['type']>(...types: K[]): Promise<Extract<M, { type: K }>>;
  /** Sends one line to the child's stdin (`go`, `release`). */
  send(line: string): void;
  /** Kills the child with SIGKILL (no cleanup: its connections just drop, its files stay) and waits for it to exit. */
  kill(): Promise<void>;
  /** Waits for the child to exit by itself and returns its exit code. */
  exited(): Promise<number | null>;
}

/**
 * Starts `node --import tsx --conditions=@billfold/source <script> <argument as JSON>` in the package folder (a long
 * argument goes through a file: see `childArgumentText`).
 * @param onMessage told about every message as it arrives (before `next` hands it out).
 */
export function startChild<M extends { readonly type: string }>(
  script: string,
  argument: unknown,
  onMessage?: (message: M) => void,
): ChildScript<M> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@billfold/source', script, childArgumentText(argument)],
    { cwd: PACKAGE_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const messages: M[] = [];
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
    const message = JSON.parse(line) as M;
    onMessage?.(message);
    messages.push(message);
    wake();
  });
  const closed = new Promise<number | null>((resolve) => {
    child.on('close', (code) => {
      exited = true;
      wake();
      resolve(code);
    });
  });
  return {
    process: child,
    async next(...types) {
      const wanted = new Set<string>(types);
      for (;;) {
        const failed = messages.find((m) => m.type === 'failed') as { message?: string } | undefined;
        if (failed !== undefined) throw new Error(`child failed: ${failed.message}`);
        const index = messages.findIndex((m) => wanted.has(m.type));
        if (index >= 0) return messages.splice(index, 1)[0] as Extract<M, { type: (typeof types)[number] }>;
        if (exited) throw new Error(`child exited (${child.exitCode}) before "${types.join('" or "')}": ${stderr}`);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async kill() {
      if (!exited) child.kill('SIGKILL');
      await closed;
    },
    exited: () => closed,
  };
}

/** A billing worker in its own OS process (see `run-cycle-child.ts`). */
export interface Worker extends ChildScript<ChildMessage> {
  /** Tells the worker to start its run. */
  go(): void;
}

/** Starts a billing worker (`run-cycle-child.ts`). */
export function startWorker(config: ChildConfig): Worker {
  const child = startChild<ChildMessage>(CHILD, config);
  return { ...child, go: () => child.send('go') };
}
