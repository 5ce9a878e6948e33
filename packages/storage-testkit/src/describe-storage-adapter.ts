import type { BillingStorageAdapter } from '@billfold/core';
import { afterEach, beforeEach, describe } from 'vitest';
import type { KitContext } from './kit-context';
import { type StorageSuiteName, storageSuiteNames } from './suite-names';
import { storageSuites } from './suite-registry';

/** How `describeStorageAdapter` makes, resets and disposes of the adapter under test. */
export interface StorageAdapterKitOptions {
  /** Called before every test; returns an adapter over empty storage (fresh state per test). */
  readonly createAdapter: () => Promise<BillingStorageAdapter>;
  /** Called right after `createAdapter`, before every test: clear a reused database here. */
  readonly reset?: (adapter: BillingStorageAdapter) => Promise<void>;
  /** Called after every test; defaults to `adapter.close()`. */
  readonly destroy?: (adapter: BillingStorageAdapter) => Promise<void>;
  /** Suites to skip, each with the reason, reported as `describe.skip("<suite> — skipped: <reason>")`. */
  readonly skip?: Partial<Record<StorageSuiteName, string>>;
  /**
   * Everything the adapter stores — every row of every table, as text — for the privacy suite's full-database
   * search after an erasure (PostgreSQL: each table's rows cast to text; MemoryStorage: `dump()`). Without it that
   * test is skipped.
   */
  readonly dumpAll?: (adapter: BillingStorageAdapter) => Promise<string>;
  /** Timeout in ms for each test and hook (vitest's default when absent). */
  readonly timeout?: number;
}

function checkSkips(skip: Partial<Record<string, string>>): void {
  for (const [suite, reason] of Object.entries(skip)) {
    if (!(storageSuiteNames as readonly string[]).includes(suite)) {
      throw new Error(
        `describeStorageAdapter: unknown suite "${suite}" in skip; suites are ${storageSuiteNames.join(', ')}`,
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`describeStorageAdapter: skipping suite "${suite}" needs a reason`);
    }
  }
}

/**
 * Registers the storage conformance suites for an adapter as vitest `describe` blocks: one block per suite
 * (see {@link storageSuiteNames}), each test with a fresh adapter from `createAdapter`.
 *
 * @param name what the adapter is, the title of the outer `describe` block.
 * @throws Error at registration for an unknown suite name in `skip` or a skip without a reason.
 * @example
 * ```ts
 * import { describeStorageAdapter } from '@billfold/storage-testkit';
 * import { createMyStorage } from '../src/index.js';
 *
 * describeStorageAdapter('my storage', {
 *   createAdapter: async () => createMyStorage({ url: process.env.TEST_DB }),
 *   reset: async (storage) => storage.truncateAll(),
 *   skip: { usageAggregation: 'usage is aggregated by the host, not stored here' },
 * });
 * ```
 */
export function describeStorageAdapter(name: string, options: StorageAdapterKitOptions): void {
  const skip = options.skip ?? {};
  checkSkips(skip);
  const timeout = options.timeout;
  describe(name, timeout === undefined ? {} : { timeout }, () => {
    let current: BillingStorageAdapter | undefined;
    beforeEach(async () => {
      current = await options.createAdapter();
      await options.reset?.(current);
    }, timeout);
    afterEach(async () => {
      const adapter = current;
      current = undefined;
      if (adapter !== undefined) await (options.destroy ?? ((a: BillingStorageAdapter) => a.close()))(adapter);
    }, timeout);
    const storage = () => {
      if (current === undefined) throw new Error('no adapter: the kit makes one before each test');
      return current;
    };
    const dumpAll = options.dumpAll;
    const kit: KitContext = dumpAll === undefined ? { storage } : { storage, dumpAll: () => dumpAll(storage()) };
    for (const suite of storageSuiteNames) {
      const reason = skip[suite];
      if (reason === undefined) describe(suite, () => storageSuites[suite](kit));
      else describe.skip(`${suite} — skipped: ${reason}`, () => storageSuites[suite](kit));
    }
  });
}
