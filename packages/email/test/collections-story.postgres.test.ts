import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestClock, listAll, money } from '@billfold/core';
import { createPostgresStorage, type PostgresStorage } from '@billfold/storage-postgres';
import { type PostgresCluster, startPostgresCluster } from '@billfold/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory, STORY_DAYS, STORY_PAYMENT, STORY_SUBJECTS, storyEngine } from './collections-story';
import { type SmtpHarness, startSmtpServer } from './smtp-harness';
import { flat } from './tools';
import type { StoryWorkerConfig, StoryWorkerMessage } from './support/story-worker';

/*
 * The Done-when story of issue 10 on a PostgreSQL server, with two collections processes at once: every day both
 * OS processes run collections and dispatch the outbox to one SMTP server on loopback. Six customers live the same
 * month (collections-story.ts); each must get exactly its fifteen emails, and be charged each fee once. (That the
 * two processes really overlap is proven with a barrier in storage-postgres's collections-processes test; here
 * they simply run side by side, in small batches.)
 */

const WORKER = fileURLToPath(new URL('./support/story-worker.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CUSTOMERS = 6;

/** A worker process and the messages it printed. */
interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  next(type: StoryWorkerMessage['type']): Promise<StoryWorkerMessage>;
}

function startWorker(config: StoryWorkerConfig): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@billfold/source', WORKER, JSON.stringify(config)],
    {
      cwd: PACKAGE_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const messages: StoryWorkerMessage[] = [];
  const waiting: (() => void)[] = [];
  let stderr = '';
  let exited = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    messages.push(JSON.parse(line) as StoryWorkerMessage);
    for (const wake of waiting.splice(0)) wake();
  });
  child.on('close', () => {
    exited = true;
    for (const wake of waiting.splice(0)) wake();
  });
  return {
    child,
    async next(type) {
      for (;;) {
        const failed = messages.find((m) => m.type === 'failed');
        if (failed?.type === 'failed') throw new Error(`worker failed: ${failed.message}`);
        const index = messages.findIndex((m) => m.type === type);
        if (index >= 0) return messages.splice(index, 1)[0] as StoryWorkerMessage;
        if (exited) throw new Error(`worker exited before "${type}": ${stderr}`);
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
  };
}

let cluster: PostgresCluster | undefined;
let unavailable: string | undefined;
let smtp: SmtpHarness;
let storage: PostgresStorage | undefined;
let workers: Worker[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    unavailable = (error as Error).message;
  }
}, 60_000);

afterAll(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await storage?.close();
  await cluster?.stop();
  await smtp.close();
});

describe('collections, told by email, with two collections processes at once (PostgreSQL)', () => {
  it('sends each customer its fifteen emails once, and charges each fee once', async (context) => {
    if (cluster === undefined) {
      if (process.env.CI) throw new Error(`no PostgreSQL server: ${unavailable}`);
      context.skip(`no PostgreSQL server: ${unavailable}`);
      return;
    }
    const schema = `story_${process.pid}`;
    storage = await createPostgresStorage({ connectionString: cluster.connectionString, schema });
    const clock = createTestClock('2026-03-01T08:00:00Z');
    const billing = storyEngine(storage, clock);
    const customers = await seedStory(billing, CUSTOMERS);
    workers = [0, 1].map(() => startWorker({ url: cluster?.connectionString as string, schema, smtpPort: smtp.port }));
    await Promise.all(workers.map((worker) => worker.next('ready')));
    const day = async (at: string) => {
      for (const worker of workers) worker.child.stdin.write(`day ${at}\n`);
      const done = await Promise.all(workers.map((worker) => worker.next('done')));
      expect(done.map((d) => (d.type === 'done' ? d.errors : -1))).toEqual([0, 0]);
    };
    for (const at of STORY_DAYS.filter((d) => d < STORY_PAYMENT.at)) await day(at);
    clock.set(STORY_PAYMENT.at);
    for (const customer of customers) {
      await billing.payments.record({
        customerId: customer.id,
        amount: STORY_PAYMENT.amount,
        currency: 'EUR',
        method: 'bank_transfer',
      });
    }
    for (const at of STORY_DAYS.filter((d) => d > STORY_PAYMENT.at)) await day(at);
    for (const worker of workers) worker.child.stdin.write('exit\n');

    // No duplicate email: every message has its own Message-ID, and each customer got its story once.
    expect(smtp.deduplicated()).toHaveLength(smtp.received.length);
    expect(smtp.received).toHaveLength(CUSTOMERS * STORY_SUBJECTS.length);
    // The two dispatchers send side by side, so within a day the order is theirs: compare each customer's emails
    // as a set (invoice numbers differ between customers: left out), and each on the day it belongs to.
    const numberless = (subject: string) => subject.replace(/INV-2026-\d+/g, 'INV');
    const expected = STORY_SUBJECTS.map(numberless).sort();
    for (const customer of customers) {
      const own = smtp.received.filter((mail) => mail.envelope.to[0] === customer.email);
      expect(own.map((mail) => numberless(flat(mail.parsed.subject ?? ''))).sort(), customer.name).toEqual(expected);
      const sentOn = (subject: string) =>
        own
          .filter((mail) => flat(mail.parsed.subject ?? '').startsWith(subject))
          .map((m) => m.parsed.date?.toISOString());
      expect(sentOn('Reminder 3')).toEqual(['2026-03-22T07:00:00.000Z']);
      expect(sentOn('Suspended')).toEqual(['2026-03-29T07:00:00.000Z']);
      // Paid on 30 March at 10:00: told by the next day's dispatch.
      expect(sentOn('Active again')).toEqual(['2026-03-31T07:00:00.000Z']);
    }
    // No duplicate fee: five per customer (25.00, 1.83, 40.00, 25.00, 2.14), 93.97 each.
    const fees = await listAll((page) => billing.collections.listFees(page));
    expect(fees).toHaveLength(CUSTOMERS * 5);
    const charged = fees.reduce((sum, fee) => sum.add(money(fee.amount, 'EUR')), money('0', 'EUR'));
    expect(charged.toString()).toBe('563.82'); // 6 × 93.97
    for (const customer of customers) {
      expect(await billing.collections.access(customer.id)).toMatchObject({ state: 'active', reason: 'paid_up' });
    }
  }, 300_000);
});
