import type { BillingStorageAdapter, StorageSession } from '@billfold/core';
import { expect } from 'vitest';
import { makeOutboxEntry } from '../builders/collections';
import { makeInvoice } from '../builders/invoice';
import { insertCustomer } from '../suites/parents';
import { answeredWhileHeld, hold } from './overlap';
import type { ConcurrencyRule } from './rule';

const NOW = '2026-02-10T00:00:00.000Z';

/** Stores two open invoices due for collections and two pending outbox entries, oldest first. */
async function claimable(storage: BillingStorageAdapter): Promise<void> {
  const customer = await insertCustomer(storage);
  for (const n of [1, 2]) {
    const due = `2026-01-0${n}T00:00:00.000Z`;
    await storage.invoices.insert(
      makeInvoice({ id: `kit_claim_inv_${n}`, customerId: customer.id, status: 'open', collectionsDueAt: due }),
    );
    await storage.outbox.insert(
      makeOutboxEntry({ id: `kit_claim_ntf_${n}`, customerId: customer.id, nextAttemptAt: due }),
    );
  }
}

/** Checks that a second claimer gets, at once, only the rows the first has not claimed. */
async function skipsClaimed(
  storage: BillingStorageAdapter,
  claim: (session: StorageSession, limit: number) => Promise<{ id: string }[]>,
  first: string,
  second: string,
): Promise<void> {
  await claimable(storage);
  const holder = hold(storage, (session) => claim(session, 1));
  const contender = await answeredWhileHeld(storage, holder, (session) => claim(session, 10));
  expect((await holder.holding).map((row) => row.id)).toEqual([first]);
  expect(
    contender.map((row) => row.id),
    'a second claimer skips what the first holds',
  ).toEqual([second]);
}

/** The rules of the collections and outbox claims: several collections runs and dispatchers share the work. */
export const claimLockRules: readonly ConcurrencyRule[] = [
  {
    name: 'an invoice claimCollectible holds is skipped at once by a second claimCollectible',
    modes: ['concurrent'],
    check: (storage) =>
      skipsClaimed(
        storage,
        (session, limit) => session.invoices.claimCollectible({ now: NOW, limit }),
        'kit_claim_inv_1',
        'kit_claim_inv_2',
      ),
  },
  {
    name: 'an outbox entry a dispatcher claimed is skipped at once by a second outbox.claimDue',
    modes: ['concurrent'],
    check: (storage) =>
      skipsClaimed(
        storage,
        (session, limit) => session.outbox.claimDue({ now: NOW, limit }),
        'kit_claim_ntf_1',
        'kit_claim_ntf_2',
      ),
  },
];
