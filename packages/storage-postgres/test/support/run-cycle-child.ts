/**
 * A billing worker in its own OS process, for the engine tests: it opens the schema on the server, says
 * `ready`, waits for `go` on stdin, then runs `runCycle` and prints its summary. One JSON message per stdout
 * line. Run with `node --import tsx --conditions=@billfold/source run-cycle-child.ts '<ChildConfig JSON>'`.
 *
 * - `barrierTable`: after its first claim, while holding the claimed rows locked, the worker registers in that
 *   table and waits (up to 10 s) until `parties` workers have, so every worker is known to have held a claim
 *   at the same time as the others; `overlapped` says whether that happened.
 * - `crashInBatch`: in that batch (1 = the first), once the invoices are written but before the commit, the
 *   worker prints `holding` and waits, locks held, for the test to kill it.
 */
import { createInterface } from 'node:readline';
import type { StorageSession } from '@billfold/core';
import { createPostgresStorage } from '../../src/index';
import { runner, wrapSessions } from './engine-scenario';
import { childArgument } from './child-argument';

/** What the test passes as the one argument. */
export interface ChildConfig {
  readonly url: string;
  readonly schema: string;
  readonly now: string;
  readonly batchSize: number;
  readonly applicationName: string;
  readonly barrierTable?: string;
  readonly parties?: number;
  readonly crashInBatch?: number;
}

/** What the worker prints. */
export type ChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'holding'; readonly batch: number }
  | {
      readonly type: 'done';
      readonly invoicesCreated: number;
      readonly subscriptionsBilled: number;
      readonly errors: number;
      readonly claimed: readonly string[];
      readonly overlapped: boolean;
    }
  | { readonly type: 'failed'; readonly message: string };

const say = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(config: ChildConfig): Promise<void> {
  const storage = await createPostgresStorage({
    connectionString: config.url,
    schema: config.schema,
    migrate: false,
    poolConfig: { max: 3, application_name: config.applicationName },
  });
  const claimed: string[] = [];
  let overlapped = false;
  let transactions = 0;
  const waitForOthers = async () => {
    const table = `"${config.schema}"."${config.barrierTable}"`;
    await storage.client.query(`INSERT INTO ${table} (pid) VALUES ($1)`, [process.pid]);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const rows = await storage.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      if ((rows[0]?.n ?? 0) >= (config.parties ?? 1)) return true;
      await sleep(20);
    }
    return false;
  };
  const wrapped = wrapSessions(storage, (session): StorageSession => {
    const batch = transactions;
    return {
      ...session,
      subscriptions: {
        ...session.subscriptions,
        async claimDue(request) {
          const rows = await session.subscriptions.claimDue(request);
          claimed.push(...rows.map((s) => s.id));
          if (config.barrierTable !== undefined && rows.length > 0 && claimed.length === rows.length) {
            overlapped = await waitForOthers();
          }
          return rows;
        },
      },
      invoices: {
        ...session.invoices,
        async insertMany(records) {
          await session.invoices.insertMany(records);
          if (batch === config.crashInBatch) {
            say({ type: 'holding', batch });
            await new Promise(() => {}); // killed here, in the middle of the transaction
          }
        },
      },
    };
  });
  const counted = {
    ...wrapped,
    transaction: <T>(work: (session: StorageSession) => Promise<T>) => {
      transactions += 1;
      return wrapped.transaction(work);
    },
  };
  say({ type: 'ready' });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  const summary = await runner(counted).runCycle({ now: config.now, batchSize: config.batchSize });
  say({
    type: 'done',
    invoicesCreated: summary.invoicesCreated,
    subscriptionsBilled: summary.subscriptionsBilled,
    errors: summary.errors.length,
    claimed,
    overlapped,
  });
  await storage.close();
}

main(childArgument<ChildConfig>()).catch((error: unknown) => {
  say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
