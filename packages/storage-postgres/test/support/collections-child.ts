/**
 * A collections worker in its own OS process, for the PostgreSQL collections tests. It opens the schema, says
 * `ready`, waits for `go` on stdin, then does its `mode`:
 * - `collect`: `collections.run` at `now`. With `barrierTable`, after its first claim (claimed rows held) it
 *   registers in that table and waits (up to 10 s) until `parties` workers have, so the runs provably overlap.
 * - `dispatch`: `notifications.dispatch` at `now` through a notifier that records the dedupe keys it sends.
 * - `pay`: records a payment with a notifier that says `notifying` and then never answers (the test kills it).
 * One JSON message per stdout line. Run with `node --import tsx --conditions=@billfold/source collections-child.ts '<config>'`.
 */
import { createInterface } from 'node:readline';
import { createTestClock } from '@billfold/core';
import { createPostgresStorage } from '../../src/index';
import { collectionsEngine } from './collections-setup';
import { childArgument } from './child-argument';

/** What the test passes as the one argument. */
export interface CollectionsChildConfig {
  readonly url: string;
  readonly schema: string;
  readonly applicationName: string;
  readonly mode: 'collect' | 'dispatch' | 'pay';
  readonly now: string;
  readonly batchSize?: number;
  readonly barrierTable?: string;
  readonly parties?: number;
  readonly customerId?: string;
}

/** What the worker prints. */
export type CollectionsChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'notifying' }
  | {
      readonly type: 'done';
      readonly remindersSent: number;
      readonly feesCharged: number;
      readonly errors: readonly string[];
      readonly overlapped: boolean;
      readonly sent: readonly string[];
    }
  | { readonly type: 'failed'; readonly message: string };

const say = (message: CollectionsChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(config: CollectionsChildConfig): Promise<void> {
  const storage = await createPostgresStorage({
    connectionString: config.url,
    schema: config.schema,
    migrate: false,
    poolConfig: { max: 3, application_name: config.applicationName },
  });
  let overlapped = false;
  let first = true;
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
  const barriered = {
    ...storage,
    transaction: <T>(work: Parameters<typeof storage.transaction<T>>[0]) =>
      storage.transaction((session) =>
        work({
          ...session,
          invoices: {
            ...session.invoices,
            async claimCollectible(query) {
              const rows = await session.invoices.claimCollectible(query);
              if (config.barrierTable !== undefined && first && rows.length > 0) {
                first = false;
                overlapped = await waitForOthers();
              }
              return rows;
            },
          },
        }),
      ),
  };
  const sent: string[] = [];
  const billing = collectionsEngine(barriered as typeof storage, createTestClock(config.now), {
    notify: async (notification) => {
      if (config.mode === 'pay') {
        say({ type: 'notifying' });
        await new Promise(() => {}); // killed here: committed, claimed, never sent
      }
      sent.push(notification.dedupeKey as string);
    },
  });
  say({ type: 'ready' });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  if (config.mode === 'collect') {
    const summary = await billing.collections.run({ batchSize: config.batchSize ?? 10 });
    say({
      type: 'done',
      remindersSent: summary.remindersSent,
      feesCharged: summary.feesCharged,
      errors: summary.errors.map((e) => `${e.invoiceId} ${e.code}: ${e.message}`),
      overlapped,
      sent,
    });
  } else if (config.mode === 'dispatch') {
    await billing.notifications.dispatch({ batchSize: config.batchSize ?? 10 });
    say({ type: 'done', remindersSent: 0, feesCharged: 0, errors: [], overlapped, sent });
  } else {
    await billing.payments.record({
      customerId: config.customerId as string,
      amount: '1000.00',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    await billing.notifications.dispatch();
  }
  await storage.close();
}

main(childArgument<CollectionsChildConfig>()).catch((error: unknown) => {
  say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
