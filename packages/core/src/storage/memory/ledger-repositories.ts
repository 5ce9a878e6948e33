import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { addFixed, DECIMAL_PATTERN, formatFixed, parseFixed } from '../../money/fixed';
import type { BalanceRepository } from '../ledger-repositories';
import type { IdempotencyRepository } from '../idempotency-repository';
import { appendRepository, listByFields } from './basic-repositories';
import { balanceKey, type MemoryState } from './memory-state';
import { normalizeInstant } from './instant';
import { copyRecord } from './record-copy';
import type { MemoryExecutor } from './undo-log';

/** The customer credit ledger in memory, with a running exact total per customer and currency. @internal */
export function memoryBalanceRepository(state: MemoryState, exec: MemoryExecutor): BalanceRepository {
  const { balanceEntries, balances } = state;
  const balanceOf = (customerId: string, currency: string): string => {
    const total = balances.get(balanceKey(customerId, currency));
    return total === undefined ? '0' : formatFixed(total, total.scale);
  };
  return {
    ...appendRepository(balanceEntries, exec),
    insert: (record) =>
      exec(({ log }) => {
        if (typeof record.amount !== 'string' || !DECIMAL_PATTERN.test(record.amount)) {
          throw new BillingError(BillingErrorCode.invalidInput, 'amount must be a decimal string such as "19.99"', {
            path: ['amount'],
          });
        }
        balanceEntries.insert(record, log);
        const key = balanceKey(record.customerId, record.currency);
        const previous = balances.get(key);
        balances.set(key, addFixed(previous ?? { units: 0n, scale: 0 }, parseFixed(record.amount)));
        log.record(() => {
          if (previous === undefined) balances.delete(key);
          else balances.set(key, previous);
        });
      }),
    balance: (customerId, currency) => exec(() => balanceOf(customerId, currency)),
    balances: (customerIds, currency) =>
      exec(() => new Map(customerIds.map((customerId) => [customerId, balanceOf(customerId, currency)]))),
    list: listByFields(balanceEntries, exec),
  };
}

/** Idempotency records in memory. @internal */
export function memoryIdempotencyRepository(state: MemoryState, exec: MemoryExecutor): IdempotencyRepository {
  const { idempotency } = state;
  return {
    get: (key) =>
      exec(() => {
        const record = idempotency.get(key);
        return record === undefined ? undefined : copyRecord(record);
      }),
    put: (record) =>
      exec(({ log }) => {
        if (idempotency.has(record.key)) {
          throw new BillingError(BillingErrorCode.conflict, `idempotency key "${record.key}" is already used`, {
            path: ['key'],
          });
        }
        idempotency.set(record.key, copyRecord(record));
        log.record(() => idempotency.delete(record.key));
      }),
    deleteExpired: (key, createdBefore) =>
      exec(({ log }) => {
        const cutoff = normalizeInstant(createdBefore, 'createdBefore');
        const record = idempotency.get(key);
        if (record === undefined || record.createdAt >= cutoff) return false;
        idempotency.delete(key);
        log.record(() => idempotency.set(key, record));
        return true;
      }),
    purgeExpired: ({ createdBefore, limit }) =>
      exec(({ log }) => {
        const cutoff = normalizeInstant(createdBefore, 'createdBefore');
        const expired = [...idempotency.values()]
          .filter((record) => record.createdAt < cutoff)
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
          .slice(0, limit);
        for (const record of expired) {
          idempotency.delete(record.key);
          log.record(() => idempotency.set(record.key, record));
        }
        return expired.length;
      }),
  };
}
