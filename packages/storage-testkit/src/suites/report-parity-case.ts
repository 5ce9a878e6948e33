import { type BillingStorageAdapter, listReportQueries, type ReportQueries } from '@billfold/core';
import { expect, it } from 'vitest';
import type { KitContext } from '../kit-context';

/**
 * Registers the case that an adapter's own report queries (`storage.reports`) answer as the list-based ones do,
 * over the records `seed` stores, compared in the form `answers` gives (skipped for adapters without their own).
 */
export function reportParityCase<A>(
  kit: KitContext,
  title: string,
  seed: (storage: BillingStorageAdapter) => Promise<void>,
  answers: (queries: ReportQueries) => Promise<A>,
): void {
  it(title, async (context) => {
    const storage = kit.storage();
    if (storage.reports === undefined) {
      context.skip('the adapter has no report queries of its own (the engine answers from list calls)');
      return;
    }
    await seed(storage);
    expect(await answers(storage.reports)).toEqual(await answers(listReportQueries(storage)));
  });
}
