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
}
