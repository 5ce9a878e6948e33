import { createMemoryStorage } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { describeStorageAdapter, type StorageSuiteName, storageSuiteNames } from '../src/index';
import { storageSuites } from '../src/suite-registry';

const createAdapter = async () => createMemoryStorage();

describe('describeStorageAdapter options', () => {
  it('names every registered suite, once', () => {
    expect([...storageSuiteNames].sort()).toEqual(Object.keys(storageSuites).sort());
    expect(new Set(storageSuiteNames).size).toBe(storageSuiteNames.length);
  });

  it('refuses an unknown suite name in skip', () => {
    const skip = { Concurrency: 'typo' } as Partial<Record<StorageSuiteName, string>>;
    expect(() => describeStorageAdapter('typo', { createAdapter, skip })).toThrow(/unknown suite "Concurrency"/);
  });

  it('refuses a skip without a reason', () => {
    expect(() => describeStorageAdapter('no reason', { createAdapter, skip: { concurrency: ' ' } })).toThrow(
      /needs a reason/,
    );
  });
});

// A skipped suite is reported with its reason; the others run (and reset and destroy run around every test).
let resets = 0;
let destroys = 0;
describeStorageAdapter('MemoryStorage with reset and destroy hooks', {
  createAdapter,
  reset: async () => {
    resets += 1;
  },
  destroy: async (adapter) => {
    destroys += 1;
    await adapter.close();
  },
  skip: Object.fromEntries(
    storageSuiteNames.filter((name) => name !== 'idempotency').map((name) => [name, 'covered by memory.test.ts']),
  ),
});

describe('describeStorageAdapter hooks', () => {
  it('ran reset and destroy around each test of the suites that ran', () => {
    expect(resets).toBeGreaterThan(0);
    expect(destroys).toBe(resets);
  });
});
