import { expect, it } from 'vitest';
import { expectBillingError } from '../assertions';
import { makeIdempotencyRecord } from '../builders/payment';
import type { KitContext } from '../kit-context';

/** Suite `idempotency`: stored outcomes of keyed requests. */
export function idempotencySuite(kit: KitContext): void {
  it('put then get returns the record with its JSON response unchanged', async () => {
    const { idempotency } = kit.storage();
    const record = makeIdempotencyRecord({
      key: 'payments.record:abc-123',
      response: {
        payment: {
          id: 'pay_1',
          amount: '90071992547409930.01',
          allocations: [{ invoiceId: 'inv_1', amount: '0.0004' }],
        },
        flags: [true, false, null],
        count: 3,
        ratio: 0.5,
        note: 'Grüße — 東京 🚀',
        empty: {},
        nothing: null,
      },
    });
    await idempotency.put(record);
    expect(await idempotency.get('payments.record:abc-123')).toStrictEqual(record);
  });

  it('get of an unknown key returns undefined; keys are exact (case matters)', async () => {
    const { idempotency } = kit.storage();
    await idempotency.put(makeIdempotencyRecord({ key: 'runs.billing:Key-1' }));
    expect(await idempotency.get('runs.billing:key-1')).toBeUndefined();
    expect(await idempotency.get('runs.billing:Key-1 ')).toBeUndefined();
    expect(await idempotency.get('runs.billing:Key-1')).toBeDefined();
  });

  it('put of a used key throws conflict and keeps the first outcome', async () => {
    const { idempotency } = kit.storage();
    const first = makeIdempotencyRecord({ key: 'payments.record:dup', response: { status: 'succeeded' } });
    await idempotency.put(first);
    await expectBillingError(
      idempotency.put({ ...first, requestHash: 'sha256:other', response: { status: 'failed' } }),
      'conflict',
    );
    expect(await idempotency.get('payments.record:dup')).toStrictEqual(first);
  });

  it('responses may be any JSON value: a string, a number, an array, null', async () => {
    const { idempotency } = kit.storage();
    const values: unknown[] = ['ok', 42, ['a', 1], null];
    for (const [index, response] of values.entries()) {
      await idempotency.put(makeIdempotencyRecord({ key: `scalar:${index}`, response }));
      expect((await idempotency.get(`scalar:${index}`))?.response).toStrictEqual(response);
    }
  });

  it('deleteExpired deletes a record only when created before the cutoff; the key is then free again', async () => {
    const { idempotency } = kit.storage();
    const record = makeIdempotencyRecord({ key: 'payments.record:ttl', createdAt: '2026-01-15T10:00:00.000Z' });
    await idempotency.put(record);
    // created exactly at the cutoff: not before it, so kept
    expect(await idempotency.deleteExpired(record.key, '2026-01-15T10:00:00.000Z')).toBe(false);
    expect(await idempotency.get(record.key)).toStrictEqual(record);
    expect(await idempotency.deleteExpired(record.key, '2026-01-15T10:00:00.001Z')).toBe(true);
    expect(await idempotency.get(record.key)).toBeUndefined();
    expect(await idempotency.deleteExpired(record.key, '2030-01-01T00:00:00.000Z')).toBe(false);
    await idempotency.put({ ...record, requestHash: 'sha256:new' });
    expect((await idempotency.get(record.key))?.requestHash).toBe('sha256:new');
  });

  it('purgeExpired deletes up to limit of the oldest expired records and counts them', async () => {
    const { idempotency } = kit.storage();
    const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;
    for (const day of [5, 1, 4, 2, 9]) {
      await idempotency.put(makeIdempotencyRecord({ key: `k:${day}`, createdAt: at(day) }));
    }
    // expired: days 1, 2, 4, 5 (before the 6th); the two oldest go first
    expect(await idempotency.purgeExpired({ createdBefore: at(6), limit: 2 })).toBe(2);
    expect(await idempotency.get('k:1')).toBeUndefined();
    expect(await idempotency.get('k:2')).toBeUndefined();
    expect(await idempotency.get('k:4')).toBeDefined();
    expect(await idempotency.purgeExpired({ createdBefore: at(6), limit: 10 })).toBe(2);
    expect(await idempotency.purgeExpired({ createdBefore: at(6), limit: 10 })).toBe(0);
    expect(await idempotency.get('k:9')).toBeDefined();
  });
}
