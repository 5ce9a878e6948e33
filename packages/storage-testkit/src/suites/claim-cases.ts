import type { BillingStorageAdapter, StorageSession } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError } from '../assertions';
import type { KitContext } from '../kit-context';

/** How the kit drives one claim (`invoices.claimCollectible`, `outbox.claimDue`). */
export interface ClaimKind {
  /** The claim's name, for test titles. */
  readonly name: string;
  /**
   * Stores records with these ids and due instants; `undefined` stores one that is never due (an invoice that is
   * not open, an entry that is not pending).
   */
  readonly store: (
    storage: BillingStorageAdapter,
    rows: readonly (readonly [string, string | undefined])[],
  ) => Promise<void>;
  readonly claim: (session: StorageSession, query: { now: string; limit: number }) => Promise<{ id: string }[]>;
  /** Moves a claimed record past `now` (what the engine does once it has handled it). */
  readonly advance: (session: StorageSession, id: string) => Promise<void>;
}

const NOW = '2026-02-10T00:00:00.000Z';

const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);

/** Claims up to `limit` and advances each claimed record, in `session`. */
async function claimAndAdvance(kind: ClaimKind, session: StorageSession, limit: number): Promise<string[]> {
  const claimed = await kind.claim(session, { now: NOW, limit });
  for (const { id } of claimed) await kind.advance(session, id);
  return ids(claimed);
}

/** The cases every claim passes: what is due, in what order, up to a limit, exclusively, only in a transaction. */
export function claimCases(kit: KitContext, kind: ClaimKind): void {
  it(`${kind.name} claims due records only (due <= now), oldest first, then by id, up to limit`, async () => {
    const storage = kit.storage();
    await kind.store(storage, [
      ['kit_claim_a', '2026-02-01T00:00:00.000Z'],
      ['kit_claim_b', '2026-01-15T00:00:00.000Z'],
      ['kit_claim_c', '2026-02-01T00:00:00.000Z'],
      ['kit_claim_d', NOW],
      ['kit_claim_e', '2026-02-10T00:00:00.001Z'],
      ['kit_claim_f', undefined],
    ]);
    await storage.transaction(async (session) => {
      expect(ids(await kind.claim(session, { now: NOW, limit: 10 }))).toEqual([
        'kit_claim_b',
        'kit_claim_a',
        'kit_claim_c',
        'kit_claim_d',
      ]);
    });
    await storage.transaction(async (session) => {
      expect(ids(await kind.claim(session, { now: NOW, limit: 2 }))).toEqual(['kit_claim_b', 'kit_claim_a']);
    });
  });

  it(`${kind.name} claim-and-advance in one transaction after another hands each record out once`, async () => {
    const storage = kit.storage();
    await kind.store(storage, [
      ['kit_claim_1', '2026-01-01T00:00:00.000Z'],
      ['kit_claim_2', '2026-01-02T00:00:00.000Z'],
      ['kit_claim_3', '2026-01-03T00:00:00.000Z'],
    ]);
    expect(await storage.transaction((session) => claimAndAdvance(kind, session, 2))).toEqual([
      'kit_claim_1',
      'kit_claim_2',
    ]);
    const boom = new Error('rolled back');
    await expect(
      storage.transaction(async (session) => {
        await claimAndAdvance(kind, session, 2);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.transaction((session) => claimAndAdvance(kind, session, 2))).toEqual(['kit_claim_3']);
    expect(await storage.transaction((session) => claimAndAdvance(kind, session, 2))).toEqual([]);
  });

  it(`concurrent ${kind.name} claim-and-advance transactions get disjoint sets covering every due record`, async () => {
    const storage = kit.storage();
    const due = Array.from({ length: 9 }, (_, i) => [`kit_claim_${i}`, `2026-01-0${i + 1}T00:00:00.000Z`] as const);
    await kind.store(storage, due);
    const claims = await Promise.all(
      [1, 2, 3].map(() => storage.transaction((session) => claimAndAdvance(kind, session, 3))),
    );
    const all = claims.flat();
    expect(new Set(all).size, `claims overlap: ${JSON.stringify(claims)}`).toBe(all.length);
    expect([...all].sort()).toEqual(due.map(([id]) => id));
  });

  it(`${kind.name} outside a transaction, or with a bad limit, is refused`, async () => {
    const storage = kit.storage();
    await expectBillingError(kind.claim(storage, { now: NOW, limit: 1 }), 'invalid_state');
    await expectBillingError(
      storage.transaction((session) => kind.claim(session, { now: NOW, limit: 0 })),
      'invalid_input',
    );
  });
}
