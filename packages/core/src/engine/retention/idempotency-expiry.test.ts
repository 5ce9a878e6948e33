import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../clock/test-clock';
import { MemoryStorage } from '../../storage/memory-storage';
import { createBilling } from '../create-billing';

async function fixture(idempotencyKeyTtlHours?: number) {
  const clock = createTestClock('2026-01-10T09:00:00Z');
  const storage = new MemoryStorage();
  const billing = createBilling({
    storage,
    clock,
    ...(idempotencyKeyTtlHours === undefined ? {} : { config: { idempotencyKeyTtlHours } }),
  });
  const customer = await billing.customers.create({ name: 'Acme', email: 'a@acme.example', currency: 'EUR' });
  const pay = () =>
    billing.payments.record({
      customerId: customer.id,
      amount: '10.00',
      currency: 'EUR',
      method: 'cash',
      idempotencyKey: 'till-1',
    });
  return { clock, storage, billing, customer, pay };
}

describe('idempotency records expire', () => {
  it('replays within the TTL; after it the key is new: the payment is recorded again', async () => {
    const { clock, billing, customer, pay } = await fixture(24);
    const first = await pay();
    clock.set('2026-01-11T08:59:59.999Z'); // 23:59:59.999 later: still a replay
    expect((await pay()).id).toBe(first.id);
    clock.set('2026-01-11T09:00:00.001Z'); // past 24 hours: expired, so a new request
    const second = await pay();
    expect(second.id).not.toBe(first.id);
    expect((await billing.payments.list({ customerId: customer.id })).items).toHaveLength(2);
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('20.00');
    // and the new record answers replays from now on
    expect((await pay()).id).toBe(second.id);
  });

  it('defaults to 30 days', async () => {
    const { clock, pay } = await fixture();
    const first = await pay();
    clock.set('2026-02-09T09:00:00.000Z'); // exactly 720 hours: not yet expired
    expect((await pay()).id).toBe(first.id);
    clock.set('2026-02-09T09:00:00.001Z');
    expect((await pay()).id).not.toBe(first.id);
  });

  it('retention.purge deletes the expired records, oldest first in batches, and only those', async () => {
    const { clock, storage, billing, customer } = await fixture(1);
    for (const key of ['a', 'b', 'c']) {
      await billing.payments.record({
        customerId: customer.id,
        amount: '1.00',
        currency: 'EUR',
        method: 'cash',
        idempotencyKey: key,
      });
    }
    clock.set('2026-01-10T09:30:00Z');
    await billing.payments.record({
      customerId: customer.id,
      amount: '1.00',
      currency: 'EUR',
      method: 'cash',
      idempotencyKey: 'd',
    });
    clock.set('2026-01-10T10:00:00.001Z'); // a, b, c and the customer's are over an hour old; d is not
    expect(await billing.retention.purge({ batchSize: 2 })).toEqual({
      idempotencyRecords: 3,
      invoicesRedacted: 0,
      customersPurged: 0,
      customersWaiting: 0,
      bankCreditsRedacted: 0,
    });
    expect(await storage.idempotency.get('payments.record:a')).toBeUndefined();
    expect(await storage.idempotency.get('payments.record:d')).toBeDefined();
    expect((await billing.retention.purge()).idempotencyRecords).toBe(0);
  });
});
