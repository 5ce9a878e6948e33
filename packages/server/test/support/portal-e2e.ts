import type { BillingStorageAdapter } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { type PostgresCluster, startPostgresCluster } from '@billfold/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { documentToolsMissing } from './document-tools';
import { type PortalFixture, startPortal } from './portal-fixture';

/** How a suite's portal starts, and what else it needs. */
export interface PortalEndToEndOptions<F extends PortalFixture> {
  /** Starts the seeded portal over the storage (default: `startPortal`, without payments). */
  readonly start?: (storage: BillingStorageAdapter) => Promise<F>;
  /** Why the suite cannot run here (a missing file it needs), skipped locally and failing in CI like the rest. */
  readonly unavailable?: string;
}

/**
 * Registers `suite` on PGlite and on a PostgreSQL server (a throwaway cluster this file starts), each over its own
 * seeded portal on Node's http server. Without the server, the document tools or what `options.unavailable` names a
 * suite is skipped with the reason in its title; in CI it runs and fails.
 */
export async function describePortalEndToEnd<F extends PortalFixture = PortalFixture>(
  title: string,
  suite: (portal: () => F) => void,
  options: PortalEndToEndOptions<F> = {},
): Promise<void> {
  const start = options.start ?? ((storage) => startPortal(storage) as Promise<F>);
  const needs = options.unavailable ?? documentToolsMissing();
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
    const missing = unavailable ?? needs;
    const register = missing === undefined || process.env.CI ? describe : describe.skip;
    register(`${title} on ${name}${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
      let storage: BillingStorageAdapter | undefined;
      let portal: F | undefined;
      beforeAll(async () => {
        expect(missing).toBeUndefined();
        storage = await open();
        portal = await start(storage);
      });
      afterAll(async () => {
        await portal?.close();
        await storage?.close();
      });
      suite(() => portal as F);
    });
  }
}
