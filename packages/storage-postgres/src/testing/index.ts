/**
 * `@billfold/storage-postgres/testing`: helpers for tests that need a real PostgreSQL server, such as a
 * throwaway cluster started for one test run. Node only (it runs `initdb` and `pg_ctl`); not for production.
 * @module
 */
export { startPostgresCluster } from './postgres-cluster';
export type { PostgresCluster, StartPostgresClusterOptions } from './postgres-cluster';
