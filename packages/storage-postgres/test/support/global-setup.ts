import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../../src/testing/index';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the server suites run against (`DATABASE_URL`, or a throwaway cluster). */
    postgresUrl: string | undefined;
    /** Why no server is available, when none is. */
    postgresUnavailable: string | undefined;
  }
}

/**
 * Gives the server suites a PostgreSQL server: `DATABASE_URL` when set, else a throwaway cluster started
 * here and stopped after the run. When neither works, the reason is passed on (the suites fail under CI).
 * Prepares the PGlite data directories first (a clean clone has none), so every embedded database starts from them:
 * in a process of its own, where `@billfold/*` resolves to its sources as in the tests (this set-up's imports do not).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const script = fileURLToPath(new URL('../../scripts/prepare-pglite-data.ts', import.meta.url));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--conditions=@billfold/source', script]);
  try {
    const cluster = await startPostgresCluster();
    project.provide('postgresUrl', cluster.connectionString);
    project.provide('postgresUnavailable', undefined);
    return () => cluster.stop();
  } catch (error) {
    project.provide('postgresUrl', undefined);
    project.provide('postgresUnavailable', `no DATABASE_URL and no throwaway cluster: ${(error as Error).message}`);
    return undefined;
  }
}
