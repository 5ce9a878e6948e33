/**
 * `@billfold/storage-postgres`: Billfold's storage adapter over SQL, with one code path for a PostgreSQL server
 * (through a `pg` pool) and for PGlite (embedded PostgreSQL in WebAssembly, in memory or in a folder), plus the
 * versioned migrations of its schema.
 * @module
 */
export { createPostgresStorage } from './create-postgres-storage';
export type {
  PGliteSettings,
  PostgresStorage,
  PostgresStorageCommonOptions,
  PostgresStorageOptions,
} from './create-postgres-storage';
export { migrate, migrations } from './migrations/migrate';
export { pgliteInitialData } from './pglite-initial-data';
export type { MigrateOptions, MigrateResult } from './migrations/migrate';
export type { Migration } from './migrations/migration';
export { sqlClientFromPool } from './client/pg-client';
export { sqlClientFromPGlite } from './client/pglite-client';
export type { PGliteDatabase, PGliteQueryable } from './client/pglite-client';
export type { CopyData, SqlClient, SqlRow } from './client/sql-client';
