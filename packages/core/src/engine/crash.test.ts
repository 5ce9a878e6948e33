import { describe, expect, it } from 'vitest';
import type { MemoryStorage } from '../storage/memory-storage';
import type { BillingStorageAdapter, StorageSession } from '../storage/storage-adapter';
import { createEngineFixture, storageDump } from './test-fixture';

const WRITES = new Set(['insert', 'insertMany', 'update', 'updateMany', 'put', 'reserveNumbers']);

/** A storage whose transactions crash on their `failAt`-th write (when armed), to prove atomicity. */
function crashingStorage(inner: MemoryStorage, control: { failAt?: number; writes: number }): BillingStorageAdapter {
  const wrapSession = (session: StorageSession): StorageSession =>
    new Proxy(session, {
      get(target, name) {
        const repository = Reflect.get(target, name) as object;
        return new Proxy(repository, {
          get(repo, method) {
            const value = Reflect.get(repo, method) as unknown;
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (WRITES.has(String(method))) {
                control.writes += 1;
                if (control.failAt !== undefined && control.writes === control.failAt)
                  throw new Error('simulated crash');
              }
              return (value as (...a: unknown[]) => unknown).apply(repo, args);
            };
          },
        });
      },
    });
  return Object.assign(Object.create(inner) as BillingStorageAdapter, {
    transaction: <T>(work: (session: StorageSession) => Promise<T>) => {
      control.writes = 0;
      return inner.transaction((session) => work(wrapSession(session)));
    },
  });
}

/** Crashes `operation` at each of its writes in turn, checking storage is untouched, then lets it through. */
async function crashAtEveryWrite(
  operation: () => Promise<unknown>,
  storage: BillingStorageAdapter,
  control: { failAt?: number; writes: number },
): Promise<number> {
  control.failAt = undefined;
  const before = await storageDump(storage);
  let n = 1;
  for (; ; n++) {
    control.failAt = n;
    try {
      await operation();
      break; // fewer than n writes: it went through
    } catch (error) {
      expect((error as Error).message).toBe('simulated crash');
    }
    control.failAt = undefined;
    expect(await storageDump(storage), `crash at write ${n}`).toEqual(before);
  }
  control.failAt = undefined;
  return n - 1;
}

describe('a crash in the middle leaves nothing half-written', () => {
  it('for a one-off invoice finalized with credit, numbers staying gapless', async () => {
    const control: { failAt?: number; writes: number } = { writes: 0 };
    const { billing, customer, storage } = await createEngineFixture((inner) => crashingStorage(inner, control));
    await billing.payments.record({ customerId: customer.id, amount: '20.00', currency: 'EUR', method: 'cash' });
    const create = () =>
      billing.invoices.createOneOff({
        customerId: customer.id,
        lines: [{ description: 'Work', amount: '100.00' }],
        autoFinalize: true,
        idempotencyKey: 'one-off-1',
      });
    // reserveNumbers, balance entry, insertMany, outbox entries, idempotency record
    expect(await crashAtEveryWrite(create, storage, control)).toBe(5);
    const invoice = await billing.invoices.get((await billing.invoices.list()).items.at(-1)?.id as string);
    expect(invoice).toMatchObject({ number: 'INV-2026-000001', creditApplied: '20.00', amountDue: '99.00' });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
  });

  it('for a payment over two invoices with an overpayment, and its refund', async () => {
    const control: { failAt?: number; writes: number } = { writes: 0 };
    const { billing, customer, storage } = await createEngineFixture((inner) => crashingStorage(inner, control));
    await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '100.00' }],
      autoFinalize: true,
    });
    await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'B', amount: '10.00' }],
      autoFinalize: true,
    });
    let paymentId = '';
    const pay = async () => {
      paymentId = (
        await billing.payments.record({
          customerId: customer.id,
          amount: '200.00',
          currency: 'EUR',
          method: 'cash',
          idempotencyKey: 'p-1',
        })
      ).id;
    };
    // two invoice updates, payment insert, overpayment entry, outbox entries, idempotency record
    expect(await crashAtEveryWrite(pay, storage, control)).toBe(6);
    expect((await billing.invoices.list({ status: 'paid' })).items).toHaveLength(2);
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('69.10');
    const refund = () => billing.payments.refund({ paymentId, amount: '100.00' });
    // 69.10 from credit, 30.90 from invoice B (11.90) then A (19.00): two invoice updates, refund, balance entry,
    // payment update, outbox entry
    expect(await crashAtEveryWrite(refund, storage, control)).toBe(6);
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('0.00');
    expect((await billing.invoices.list({ status: 'open' })).items.map((i) => i.amountRemaining)).toEqual([
      '19.00',
      '11.90',
    ]);
  });

  it('for a credit note', async () => {
    const control: { failAt?: number; writes: number } = { writes: 0 };
    const { billing, customer, storage } = await createEngineFixture((inner) => crashingStorage(inner, control));
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '100.00' }],
      autoFinalize: true,
    });
    await billing.payments.record({ customerId: customer.id, amount: '100.00', currency: 'EUR', method: 'cash' });
    const credit = () => billing.creditNotes.create({ invoiceId: invoice.id, amount: '50.00', reason: 'other' });
    // reserveNumbers, credit note, invoice update, balance entry, outbox entries
    expect(await crashAtEveryWrite(credit, storage, control)).toBe(5);
    const notes = (await billing.creditNotes.list()).items;
    expect(notes.map((n) => [n.number, n.appliedToInvoice, n.creditedToBalance])).toEqual([
      ['CN-2026-000001', '19.00', '31.00'],
    ]);
  });
});
