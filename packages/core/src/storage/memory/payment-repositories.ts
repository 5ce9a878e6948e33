import type { PaymentAttemptRepository, PaymentMethodRepository } from '../collections-repositories';
import { appendRepository, listByFields, versionedRepository } from './basic-repositories';
import { indexedWrites } from './due-index';
import type { MemoryState } from './memory-state';
import { claimFrom } from './serial-locks';
import type { MemoryExecutor } from './undo-log';

/** Payment attempts in memory, unique by idempotency key and provider payment, due ones by `dueAt`. @internal */
export function memoryPaymentAttemptRepository(state: MemoryState, exec: MemoryExecutor): PaymentAttemptRepository {
  const { paymentAttempts, attemptsDue } = state;
  const writes = indexedWrites(paymentAttempts, attemptsDue, (attempt) => attempt.dueAt);
  return {
    ...appendRepository(paymentAttempts, exec),
    insert: (attempt) => exec(({ log }) => writes.insert(attempt, log)),
    update: (attempt) => exec(({ log }) => writes.update(attempt, log)),
    list: listByFields(paymentAttempts, exec),
    getByIdempotencyKey: (key) => exec(() => paymentAttempts.findByKey('idempotencyKey', key)),
    getByProviderPayment: (gateway, id) =>
      exec(
        () =>
          paymentAttempts.findByKey('providerPaymentId', `${gateway}\u0000${id}`) ??
          paymentAttempts.findByKey('chargeId', `${gateway}\u0000${id}`),
      ),
    claimDue: (query) =>
      exec((context) => claimFrom(paymentAttempts, attemptsDue, query, context, 'paymentAttempts.claimDue')),
  };
}

/** Saved payment methods in memory, unique by gateway and provider token. @internal */
export function memoryPaymentMethodRepository(state: MemoryState, exec: MemoryExecutor): PaymentMethodRepository {
  const { paymentMethods } = state;
  return {
    ...versionedRepository(paymentMethods, exec),
    list: listByFields(paymentMethods, exec),
    getByProviderMethod: (gateway, providerMethodId) =>
      exec(() => paymentMethods.findByKey('providerMethodId', `${gateway}\u0000${providerMethodId}`)),
  };
}
