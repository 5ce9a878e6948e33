import { describeStorageAdapter } from '@billfold/storage-testkit';
import type { PostgresStorage } from '../src/index';
import { describeServer, dropSchema, pgliteBackend, postgresBackend } from './support/backends';
import { dumpAllRows } from './support/dump-all-rows';

/*
 * The storage conformance kit, against PGlite and against a real PostgreSQL server. Each test gets storage
 * in a fresh schema (migrated on creation) over a shared PGlite instance or pool; destroy drops the schema.
 */

const destroy = (adapter: unknown) => dropSchema(adapter as PostgresStorage);

describeStorageAdapter('storage-postgres on PGlite', {
  createAdapter: () => pgliteBackend.storage(),
  destroy,
  dumpAll: dumpAllRows,
});

describeServer('storage-postgres on a PostgreSQL server', () => {
  describeStorageAdapter('conformance', {
    createAdapter: () => postgresBackend.storage(),
    destroy,
    dumpAll: dumpAllRows,
  });
});
