import { createMemoryStorage, type MemoryStorage } from '@billfold/core';
import { describeStorageAdapter } from '../src/index';
import { schemaChecked } from './schema-checked-storage';

describeStorageAdapter('MemoryStorage', {
  createAdapter: async () => createMemoryStorage(),
  dumpAll: (adapter) => (adapter as MemoryStorage).dump(),
});

// The same suites again, with every record the kit writes checked against the domain schemas.
describeStorageAdapter('MemoryStorage with schema-checked kit fixtures', {
  createAdapter: async () => schemaChecked(createMemoryStorage()),
});
