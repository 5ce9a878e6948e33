import type { MemoryStorage } from '../storage/memory-storage';
import type { BillingStorageAdapter, StorageSession } from '../storage/storage-adapter';

/** One storage call made inside a transaction: `"locks.customers"`, its arguments, and which transaction (1, 2, …). */
export interface RecordedCall {
  readonly call: string;
  readonly args: readonly unknown[];
  readonly transaction: number;
}

/**
 * `memory`, recording every call its transactions' sessions make into `calls`, in order; `change` may replace
 * what a session does (e.g. a `locks.customers` that finds a customer held). For the engine's own tests.
 * @internal
 */
export function recordedStorage(
  memory: MemoryStorage,
  calls: RecordedCall[],
  change: (session: StorageSession) => StorageSession = (session) => session,
): BillingStorageAdapter {
  let transactions = 0;
  const record = (session: StorageSession, transaction: number): StorageSession => {
    const recorded: Record<string, unknown> = {};
    for (const [name, repository] of Object.entries(session)) {
      const methods: Record<string, unknown> = {};
      for (const [method, fn] of Object.entries(repository as Record<string, (...args: unknown[]) => unknown>)) {
        methods[method] = (...args: unknown[]) => {
          calls.push({ call: `${name}.${method}`, args, transaction });
          return fn(...args);
        };
      }
      recorded[name] = methods;
    }
    return recorded as unknown as StorageSession;
  };
  return new Proxy(memory, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(work: (session: StorageSession) => Promise<T>) => {
          transactions += 1;
          const transaction = transactions;
          return target.transaction((session) => work(record(change(session), transaction)));
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as BillingStorageAdapter;
}
