/**
 * A collections worker of the PostgreSQL story test in its own OS process: it opens the schema, says `ready`, and
 * for each line `day <ISO>` on stdin sets its clock there, runs `collections.run` and dispatches the outbox as email
 * to the SMTP server on loopback, then says `done` with what it did. One JSON message per stdout line. Run with
 * `node --import tsx --conditions=@billfold/source story-worker.ts '<StoryWorkerConfig JSON>'`.
 */
import { createInterface } from 'node:readline';
import { createTestClock } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { storyEngine, storyNotifier } from '../collections-story';

/** What the test passes as the one argument. */
export interface StoryWorkerConfig {
  readonly url: string;
  readonly schema: string;
  readonly smtpPort: number;
}

/** What the worker prints. */
export type StoryWorkerMessage =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly day: string;
      readonly fees: number;
      readonly sent: number;
      readonly errors: number;
    }
  | { readonly type: 'failed'; readonly message: string };

const say = (message: StoryWorkerMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main(config: StoryWorkerConfig): Promise<void> {
  const storage = await createPostgresStorage({
    connectionString: config.url,
    schema: config.schema,
    migrate: false,
    poolConfig: { max: 3 },
  });
  const clock = createTestClock('2026-03-01T00:00:00Z');
  const billing = storyEngine(storage, clock);
  const email = storyNotifier(billing, config.smtpPort, clock);
  say({ type: 'ready' });
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, day] = line.trim().split(' ');
    if (command === 'exit') break;
    if (command !== 'day' || day === undefined) continue;
    clock.set(day);
    // Small batches, so the two workers take turns claiming and each holds claims while the other claims.
    const summary = await billing.collections.run({ batchSize: 1 });
    const dispatched = await billing.notifications.dispatch({ notifier: email, batchSize: 2 });
    say({ type: 'done', day, fees: summary.feesCharged, sent: dispatched.delivered, errors: summary.errors.length });
  }
  await email.close();
  await storage.close();
}

main(JSON.parse(process.argv[2] ?? '{}') as StoryWorkerConfig).catch((error: unknown) => {
  say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
