import type { BillingStorageAdapter, StorageSession } from '@billfold/core';
import { deferred, settle } from '../timing';

/*
 * How the concurrency rules tell "waits" from "does not wait" without a clock. A holder transaction takes a lock
 * and keeps its transaction open; a contender runs in a second transaction.
 * - "Does not wait" (skip-locked claims, share locks between themselves): the holder stays open until the
 *   contender has its answer. An adapter that waits there never answers, and the test fails on its timeout.
 * - "Waits": the holder lets the contender start its transaction, then makes a few round trips of its own on
 *   its own connection (each at least as slow as the contender's one lock call) and ends. Events are logged in
 *   the order they happen; a contender that did not wait logs its lock before the holder's end.
 */

/** The order things happened in, as labels. */
export class EventLog {
  readonly events: string[] = [];

  /** Notes that `event` happened now. */
  note(event: string): void {
    this.events.push(event);
  }
}

/** A transaction kept open until {@link Holder.end}, after `work` has run in it. */
export interface Holder<T> {
  /**
   * Resolves with `work`'s result once it has run (the locks it took are held from then on); rejects when `work`
   * throws (the transaction has then rolled back).
   */
  readonly holding: Promise<T>;
  /** The session of the open transaction, for the round trips of {@link roundTrips}. */
  readonly session: Promise<StorageSession>;
  /** Lets the transaction end: commit, or roll back when `rollback` is set. */
  end(options?: { readonly rollback?: boolean }): void;
  /** Resolves once the transaction has ended, committed or deliberately rolled back; rejects when `work` threw. */
  readonly ended: Promise<void>;
}

/** The error a holder throws to roll back deliberately. */
const ROLLED_BACK = 'kit holder rolled back';

/** Opens a transaction that runs `work` and stays open until `end()` is called. */
export function hold<T>(storage: BillingStorageAdapter, work: (session: StorageSession) => Promise<T>): Holder<T> {
  const held = deferred<T>();
  const opened = deferred<StorageSession>();
  const release = deferred<{ readonly rollback?: boolean }>();
  const transaction = storage.transaction(async (session) => {
    opened.resolve(session);
    held.resolve(await work(session));
    const { rollback } = await release.promise;
    if (rollback) throw new Error(ROLLED_BACK);
  });
  return {
    holding: Promise.race([held.promise, transaction.then(() => held.promise)]),
    session: opened.promise,
    end: (options = {}) => release.resolve(options),
    ended: transaction.catch((error: unknown) => {
      if (!(error instanceof Error) || error.message !== ROLLED_BACK) throw error;
    }),
  };
}

/**
 * A few reads on `session`, one after the other, then a pause for the event loop: long enough for a lock call
 * another connection has already sent to come back, if it was not going to wait.
 */
export async function roundTrips(session: StorageSession, count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await session.customers.get('kit_missing_customer');
  await settle();
}

/**
 * Runs `check` while `holder` holds its locks, and then ends the holder (commit) whatever `check` did, so that
 * a failed expectation never leaves a transaction open. Assert on what `check` collected afterwards.
 */
export async function whileHeld<T>(holder: Holder<unknown>, check: () => Promise<T>): Promise<T> {
  try {
    await holder.holding;
    return await check();
  } finally {
    holder.end();
    await holder.ended;
  }
}

/**
 * Runs `contend` in a second transaction while `holder` holds its locks, and ends the holder (commit, or
 * rollback) once the contender's transaction has started and the holder has made its {@link roundTrips}, or
 * earlier when the contender is already done. Logs `holder ends` just before the holder ends; `contend` logs its
 * own events. Returns what `contend` returned.
 */
export async function contendWhileHeld<T>(
  storage: BillingStorageAdapter,
  holder: Holder<unknown>,
  log: EventLog,
  contend: (session: StorageSession) => Promise<T>,
  options: { readonly rollback?: boolean } = {},
): Promise<T> {
  await holder.holding;
  const started = deferred();
  const contender = storage.transaction(async (session) => {
    started.resolve();
    return contend(session);
  });
  const done = contender.then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([started.promise, done]);
  await Promise.race([roundTrips(await holder.session), done]);
  log.note('holder ends');
  holder.end(options);
  await holder.ended;
  return contender;
}

/**
 * Runs `contend` in a second transaction while `holder` holds its locks, and ends the holder (commit) only once
 * the contender's transaction has committed: for what must not wait. An adapter that makes the contender wait
 * never answers, and the test fails on its timeout.
 */
export async function answeredWhileHeld<T>(
  storage: BillingStorageAdapter,
  holder: Holder<unknown>,
  contend: (session: StorageSession) => Promise<T>,
): Promise<T> {
  await holder.holding;
  try {
    return await storage.transaction(contend);
  } finally {
    holder.end();
    await holder.ended;
  }
}
