import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStorageAdapter } from '@billfold/storage-testkit';
import { openJsonFileStorage } from '../src/index';

// Each test gets its own directory, removed afterwards.
const directories = new Map<object, string>();

describeStorageAdapter('JsonFileStorage', {
  createAdapter: async () => {
    const directory = await mkdtemp(join(tmpdir(), 'billfold-json-'));
    const storage = await openJsonFileStorage(join(directory, 'billing.json'));
    directories.set(storage, directory);
    return storage;
  },
  // the whole file as it is on disk: the privacy suite searches it after an erasure
  dumpAll: async (storage) => readFile(join(directories.get(storage) as string, 'billing.json'), 'utf8'),
  destroy: async (storage) => {
    await storage.close();
    await rm(directories.get(storage) as string, { recursive: true, force: true });
    directories.delete(storage);
  },
});
