import { createMemoryStorage } from '@billfold/core';
import { describeStorageAdapter } from '../src/index';
import { schemaChecked } from './schema-checked-storage';

const skip = {
  rowLocks: 'MemoryStorage runs one transaction at a time (capabilities.rowLocks is false): no lock to skip past',
};

describeStorageAdapter('MemoryStorage', { createAdapter: async () => createMemoryStorage(), skip });

// The same suites again, with every record the kit writes checked against the domain schemas.
describeStorageAdapter('MemoryStorage with schema-checked kit fixtures', {
  createAdapter: async () => schemaChecked(createMemoryStorage()),
  skip,
});
