import type { BillingStorageAdapter, StorageSession } from '@billfold/core';
import { expect } from 'vitest';
import { expectDecimal } from '../assertions';
import { makeBalanceTransaction } from '../builders/payment';
import { insertCustomer } from '../suites/parents';
import { answeredWhileHeld, contendWhileHeld, EventLog, hold } from './overlap';
import { type ConcurrencyRule, EVERY_MODE } from './rule';

const A = 'kit_lock_a';
const B = 'kit_lock_b';
const C = 'kit_lock_c';

async function threeCustomers(storage: BillingStorageAdapter): Promise<void> {
  for (const id of [A, B, C]) await insertCustomer(storage, { id });
}

/** A holder of customer A's ledger lock that also writes 1.00 to A's balance before it ends. */
function holdA(storage: BillingStorageAdapter) {
  return hold(storage, async (session) => {
    await session.locks.customers([A]);
    await session.balance.insert(makeBalanceTransaction({ customerId: A, currency: 'EUR', amount: '1.00' }));
  });
}

/** The second taker of A's lock: notes when it has the lock, then reads A's balance. */
const takeA = (log: EventLog) => async (session: StorageSession) => {
  await session.locks.customers([A]);
  log.note('contender locked');
  return session.balance.balance(A, 'EUR');
};

/** The rules of `locks.customers`, the customer ledger lock. */
export const customerLockRules: readonly ConcurrencyRule[] = [
  {
    name: 'locks.customers takes several customers in one call: ascending, each once, ids with no customer left out',
    modes: EVERY_MODE,
    async check(storage) {
      await threeCustomers(storage);
      const locked = await storage.transaction((session) => session.locks.customers([C, 'kit_lock_missing', A, B, A]));
      expect(locked).toEqual([A, B, C]);
      expect(await storage.transaction((session) => session.locks.customers([]))).toEqual([]);
    },
  },
  {
    name: 'a customer lock makes a second taker wait until the holder commits; the taker then reads what it committed',
    modes: ['concurrent'],
    async check(storage) {
      await threeCustomers(storage);
      const log = new EventLog();
      const seen = await contendWhileHeld(storage, holdA(storage), log, takeA(log));
      expect(log.events, 'the second taker got the lock while the first still held it').toEqual([
        'holder ends',
        'contender locked',
      ]);
      expectDecimal(seen, '1.00');
    },
  },
  {
    name: 'a customer lock is released by a rollback: the waiting taker then sees nothing of the holder',
    modes: ['concurrent'],
    async check(storage) {
      await threeCustomers(storage);
      const log = new EventLog();
      const seen = await contendWhileHeld(storage, holdA(storage), log, takeA(log), { rollback: true });
      expect(log.events, 'the second taker got the lock while the first still held it').toEqual([
        'holder ends',
        'contender locked',
      ]);
      expectDecimal(seen, '0');
    },
  },
  {
    name: 'with skipLocked, customers another transaction holds are left out at once, and the free ones are locked',
    modes: ['concurrent'],
    async check(storage) {
      await threeCustomers(storage);
      const holder = hold(storage, (session) => session.locks.customers([A]));
      const { skipping, third } = await answeredWhileHeld(storage, holder, async (session) => {
        const skipping = await session.locks.customers([C, A, B], { skipLocked: true });
        // A third transaction finds B and C held now, by the skipping one.
        const third = await storage.transaction((other) => other.locks.customers([A, B, C], { skipLocked: true }));
        return { skipping, third };
      });
      expect(skipping, 'held customers are left out').toEqual([B, C]);
      expect(third, 'what skipLocked returned is locked').toEqual([]);
      expect(await storage.transaction((session) => session.locks.customers([A, B], { skipLocked: true }))).toEqual([
        A,
        B,
      ]);
    },
  },
];
