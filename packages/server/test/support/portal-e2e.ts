import type { BillingStorageAdapter } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { type PostgresCluster, startPostgresCluster } from '@billfold/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { documentToolsMissing } from './document-tools';
import { type PortalFixture, startPortal } from './portal-fixture';

/**
 * Registers `suite` on PGlite and on a PostgreSQL server (a throwaway cluster this file starts), each over its own
 * seeded portal on Node's http server. Without the server or the document tools a suite is skipped with the reason
 * in its title; in CI it runs and fails.
 */
export async function describePortalEndToEnd(
  title: string,
  suite: (portal: () => PortalFixture) => void,
): Promise<void> {
  const tools = documentToolsMissing();
  let cluster: PostgresCluster | undefined;
  let noServer: string | undefined;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    noServer = (error as Error).message;
  }
  afterAll(() => cluster?.stop());
  const storages: [string, () => Promise<BillingStorageAdapter>, string | undefined][] = [
    ['PGlite', () => createPostgresStorage(), undefined],
    [
      'PostgreSQL',
      () =>
        createPostgresStorage({
          connectionString: (cluster as PostgresCluster).connectionString,
          schema: `portal_e2e_${process.pid}`,
        }),
      noServer,
    ],
  ];
  for (const [name, open, unavailable] of storages) {
    const missing = unavailable ?? tools;
    const register = missing === undefined || process.env.CI ? describe : describe.skip;
    register(`${title} on ${name}${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
      let storage: BillingStorageAdapter | undefined;
      let portal: PortalFixture | undefined;
      beforeAll(async () => {
        expect(missing).toBeUndefined();
        storage = await open();
        portal = await startPortal(storage);
      });
      afterAll(async () => {
        await portal?.close();
        await storage?.close();
      });
      suite(() => portal as PortalFixture);
    });
  }
}
