/**
 * One engine operation in its own OS process, for the ledger race tests. The worker opens the schema on the
 * server, says `ready`, waits for `go` on stdin, then calls `billing.<call>(arg)` on an engine whose clock
 * stands at `now`, and ends with `finished`: the result as JSON, or the BillingError it was refused with.
 *
 * With `pause` (`{ call: "balance.balance", when: "after" }`), the first time any session of the worker runs
 * that repository method, the worker says `paused` (before the call, or once it has returned) and waits for
 * `continue` on stdin: whatever its transaction holds stays held, and what it read stays what it decides on.
 * The test then lets the workers go in the order it wants. Run with `node --import tsx --conditions=@billfold/source ledger-op-child.ts '<JSON>'`.
 */
import { createInterface } from 'node:readline';
import {
  createBilling,
  createTestClock,
  type EngineConfigInput,
  isBillingError,
  type StorageSession,
} from '@billfold/core';
import { createPostgresStorage } from '../../src/index';
import { wrapSessions } from './engine-scenario';
import { paypalGatewayAt } from './gateway-providers';
import { childArgument } from './child-argument';

/** What the test passes as the one argument. */
export interface LedgerOpConfig {
  readonly url: string;
  readonly schema: string;
  /** The worker's connections carry this name in `pg_stat_activity` (the test watches for lock waits). */
  readonly applicationName: string;
  /** The engine clock's instant. */
  readonly now: string;
  /** A method of the engine: `runCycle`, `payments.refund`, `creditNotes.create`, `usage.ingest`, … */
  readonly call: string;
  readonly arg: unknown;
  /** Where to pause: a storage session's `<repository>.<method>`, e.g. `creditNotes.list`. */
  readonly pause?: { readonly call: string; readonly when: 'before' | 'after' };
  /** The engine's config (e.g. a collections policy); default none. */
  readonly config?: EngineConfigInput;
  /** The base URL of a PayPal (the test's fake) the engine charges through; default no gateway. */
  readonly paypalAt?: string;
}

/** What the worker prints. */
export type LedgerOpMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'paused'; readonly at: string }
  | { readonly type: 'finished'; readonly outcome: LedgerOpOutcome }
  | { readonly type: 'failed'; readonly message: string };

/** How the operation ended: its result, or the BillingError it was refused with. */
export type LedgerOpOutcome =
  | { readonly ok: true; readonly result: unknown }
  | {
      readonly ok: false;
      readonly code: string;
      readonly path: readonly (string | number)[];
      readonly message: string;
    };

const say = (message: LedgerOpMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Lines from stdin, one at a time, in order. */
function stdinLines(): () => Promise<string> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: process.stdin }).on('line', (line) => {
    const reader = waiting.shift();
    if (reader === undefined) queue.push(line.trim());
    else reader(line.trim());
  });
  return () => {
    const line = queue.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
}

async function main(config: LedgerOpConfig): Promise<void> {
  const nextLine = stdinLines();
  const storage = await createPostgresStorage({
    connectionString: config.url,
    schema: config.schema,
    migrate: false,
    poolConfig: { max: 2, application_name: config.applicationName },
  });
  const [repository, method] = (config.pause?.call ?? '.').split('.') as [string, string];
  let paused = false;
  const pauseOnce = async () => {
    if (paused) return;
    paused = true;
    say({ type: 'paused', at: `${config.pause?.when} ${config.pause?.call}` });
    while ((await nextLine()) !== 'continue') {}
  };
  const pausing = (session: StorageSession): StorageSession => {
    const target = (session as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>)[
      repository
    ];
    const original = target?.[method];
    if (target === undefined || original === undefined) return session;
    const wrapped = async (...args: unknown[]) => {
      if (config.pause?.when === 'before') await pauseOnce();
      const result = await original.apply(target, args);
      if (config.pause?.when === 'after') await pauseOnce();
      return result;
    };
    return { ...session, [repository]: { ...target, [method]: wrapped } };
  };
  const clock = createTestClock(config.now);
  const billing = createBilling({
    storage: config.pause === undefined ? storage : wrapSessions(storage, pausing),
    clock,
    ...(config.paypalAt === undefined ? {} : { gateways: [paypalGatewayAt(config.paypalAt, clock)] }),
    ...(config.config === undefined ? {} : { config: config.config }),
  });
  say({ type: 'ready' });
  while ((await nextLine()) !== 'go') {}
  const path = config.call.split('.');
  const name = path.pop() as string;
  const service = path.reduce<Record<string, unknown>>(
    (object, key) => object[key] as Record<string, unknown>,
    billing as unknown as Record<string, unknown>,
  );
  try {
    const result = await (service[name] as (arg: unknown) => Promise<unknown>)(config.arg);
    say({ type: 'finished', outcome: { ok: true, result: result ?? null } });
  } catch (error) {
    if (!isBillingError(error)) throw error;
    say({ type: 'finished', outcome: { ok: false, code: error.code, path: error.path, message: error.message } });
  } finally {
    await storage.close();
  }
  process.exit(0);
}

main(childArgument<LedgerOpConfig>()).catch((error: unknown) => {
  say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
