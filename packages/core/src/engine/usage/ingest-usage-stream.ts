import { z } from 'zod';
import { BillingError, isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { checkUsageBatch, type IngestResult, storeUsageBatch } from './ingest-usage';
import { UsageCatalog } from './usage-catalog';
import { validateUsageBatch, validateUsageBatchInSlices } from './plain-usage-batch';
import { MAX_USAGE_BATCH, type UsageEventInput } from './usage-event-input';
import type { UsageTarget } from './usage-subscriptions';

/** What `onBatch` is told after each batch of a stream has committed. */
export interface IngestStreamProgress {
  /** Batches committed so far (1 after the first). */
  readonly batches: number;
  /** Events read from the source and committed so far (stored or skipped as duplicates). */
  readonly events: number;
  /** Events stored so far. */
  readonly inserted: number;
  /** Events skipped so far as replays of ids their customer sent before. */
  readonly duplicates: number;
  /** What the batch just committed did, its duplicates included. */
  readonly batch: IngestResult;
}

const ProgressCallbackSchema = z.custom<(progress: IngestStreamProgress) => void | Promise<void>>(
  (value) => typeof value === 'function',
  { message: 'expected a function (progress) => void' },
);

/** Options of {@link ingestUsageStream}. */
export const IngestStreamOptionsSchema = z
  .strictObject({
    /** Events per batch, each one transaction (default 5,000, at most `MAX_USAGE_BATCH`). */
    batchSize: z.number().int().min(1).max(MAX_USAGE_BATCH).default(5000),
    /**
     * Batches written at once, each in its own transaction on its own connection (default 1; a storage whose
     * transactions run one at a time writes one). Two keep both the database and this process busy: one batch is
     * written while the next one's rows are checked and prepared. Batches may then commit out of order: an event
     * id repeated in two batches in flight keeps the event of the batch that commits first.
     */
    concurrency: z.number().int().min(1).max(8).default(1),
    /** Called after each batch has committed (awaited); when it throws, the stream stops with that error. */
    onBatch: ProgressCallbackSchema.optional(),
  })
  .default({ batchSize: 5000, concurrency: 1 });

/** Options of {@link ingestUsageStream}; see {@link IngestStreamOptionsSchema}. */
export type IngestStreamOptions = z.input<typeof IngestStreamOptionsSchema>;

/** What a whole stream did. */
export interface IngestStreamResult {
  /** Events read from the source. */
  readonly events: number;
  readonly inserted: number;
  readonly duplicates: number;
  readonly batches: number;
}

const SourceSchema = z.custom<AsyncIterable<UsageEventInput> | Iterable<UsageEventInput>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    (Symbol.asyncIterator in value || Symbol.iterator in value) &&
    typeof value !== 'string',
  { message: 'expected an iterable or async iterable of usage events' },
);

/** Events checked between two turns of the event loop while a batch is being written: half a millisecond or so. */
const CHECK_SLICE = 500;

const runtimeSetImmediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

/**
 * The batch checked as `ingest` checks it. Where the runtime has `setImmediate` (Node), in slices with a turn of the
 * event loop between them, so that the batches being written go on (their statements' answers are taken as they
 * arrive) while this one is checked; elsewhere in one go.
 */
function checkedShape(raw: readonly UsageEventInput[]) {
  if (runtimeSetImmediate === undefined) return validateUsageBatch(raw);
  const later = runtimeSetImmediate;
  return validateUsageBatchInSlices(raw, CHECK_SLICE, () => new Promise<void>((resolve) => later(resolve)));
}

/** The source's events in arrays of `size` (the last one shorter). */
async function* batchesOf<T>(source: AsyncIterable<T> | Iterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** `error` with every event index in its paths moved on by `offset`, so it names the event's place in the stream. */
function atStreamIndex(error: unknown, offset: number): unknown {
  if (!isBillingError(error) || offset === 0) return error;
  const shift = (path: readonly (string | number)[]) =>
    path[0] === 'events' && typeof path[1] === 'number' ? ['events', path[1] + offset, ...path.slice(2)] : path;
  const issues = error.issues?.map((issue) => ({ ...issue, path: shift(issue.path) }));
  const path = error.path === undefined ? undefined : shift(error.path);
  const message =
    path === undefined ? error.message : error.message.replace(/^Invalid [^:]*:/, `Invalid ${path.join('.')}:`);
  return new BillingError(error.code, message, {
    ...(path === undefined ? {} : { path }),
    ...(issues === undefined ? {} : { issues }),
    cause: error,
  });
}

/**
 * Stores every usage event of a (possibly endless) source, batch by batch: each batch of `batchSize` events is
 * checked and stored exactly as `ingest` does (one transaction, rule L3), and the next batch is read and checked
 * while the current one is being written. Memory holds two batches, whatever the source's length. Meters and
 * prices are read once for the whole stream.
 *
 * A bad event stops the stream: its batch stores nothing and the error names the event's index in the stream
 * (`["events", 12345, "properties", "gb"]`); every batch before it is stored (`onBatch` has told which). Event ids
 * make a resend safe: send the stream again (from the start, or from the bad event's batch) and what is stored is
 * skipped as duplicates.
 * @throws BillingError `invalid_input` for bad options or a source that is not iterable; as `ingest` for a bad
 * event, its path rooted at the stream.
 * @example
 * ```ts
 * const lines = readline.createInterface({ input: fs.createReadStream('usage.ndjson') });
 * const events = (async function* () { for await (const line of lines) yield JSON.parse(line); })();
 * await ingestUsageStream(ctx, events, { batchSize: 5000, onBatch: (p) => console.log(p.events) });
 * // { events: 1000000, inserted: 1000000, duplicates: 0, batches: 200 }
 * ```
 */
export async function ingestUsageStream(
  ctx: EngineContext,
  source: AsyncIterable<UsageEventInput> | Iterable<UsageEventInput>,
  options?: IngestStreamOptions,
): Promise<IngestStreamResult> {
  // The events themselves are checked batch by batch; here only that there is something to iterate.
  const events = validate(SourceSchema, source, 'events', { allowUnstorableText: true });
  const { batchSize, concurrency, onBatch } = validate(IngestStreamOptionsSchema, options, 'options');
  const catalog = new UsageCatalog();
  const totals = { events: 0, inserted: 0, duplicates: 0, batches: 0 };
  // A serial storage runs one transaction at a time: a second batch in flight would only wait.
  const writing = new BatchesInFlight(ctx.storage.capabilities.transactions === 'serial' ? 1 : concurrency);
  const write = async (batch: readonly UsageTarget[], offset: number) => {
    let result: IngestResult;
    try {
      result = await storeUsageBatch(ctx, catalog, batch);
    } catch (error) {
      throw atStreamIndex(error, offset);
    }
    totals.batches += 1;
    totals.events += batch.length;
    totals.inserted += result.inserted;
    totals.duplicates += result.duplicates;
    await onBatch?.({ ...totals, batch: result });
  };
  let offset = 0;
  for await (const raw of batchesOf(events, batchSize)) {
    let batch: UsageTarget[];
    try {
      batch = await checkUsageBatch(ctx, catalog, await checkedShape(raw));
    } catch (error) {
      // The batches before this one are stored first, so the error's index says where the stored part ends.
      await writing.drain();
      throw atStreamIndex(error, offset);
    }
    const at = offset;
    await writing.add(() => write(batch, at));
    offset += batch.length;
  }
  await writing.drain();
  return { ...totals };
}

/**
 * The batches of a stream being written, at most `limit` at once, oldest first. A failed write stops the stream
 * once every write in flight has ended (none is left running), with the failure of the earliest batch.
 */
class BatchesInFlight {
  readonly #writes: Promise<void>[] = [];

  constructor(private readonly limit: number) {}

  /** Starts `write` once fewer than `limit` writes are in flight. */
  async add(write: () => Promise<void>): Promise<void> {
    while (this.#writes.length >= this.limit) {
      const oldest = this.#writes[0] as Promise<void>;
      if (
        !(await oldest.then(
          () => true,
          () => false,
        ))
      )
        await this.drain();
      this.#writes.shift();
    }
    const started = write();
    // Marked as handled now; the failure is thrown where the stream waits for it.
    started.catch(() => undefined);
    this.#writes.push(started);
  }

  /** Waits for every write in flight; throws the earliest batch's failure, if any. */
  async drain(): Promise<void> {
    const ended = await Promise.allSettled(this.#writes.splice(0));
    const failed = ended.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
}
