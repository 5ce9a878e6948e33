import { describe, expect, it } from 'vitest';
import { BillingError } from '../../errors/billing-error';
import { MemoryStorage } from '../../storage/memory-storage';
import type { StorageSession } from '../../storage/storage-adapter';
import { recordedStorage } from '../recorded-storage';
import { createCycleFixture } from '../run-cycle/cycle-fixture';
import { rejection } from '../test-fixture';
import { LEDGER_ATTEMPTS, ledgerTransaction } from './ledger-transaction';

/** A conflict as a concurrent writer causes it (a stale version, or a deadlock the adapter reports). */
const stale = () => new BillingError('conflict', 'payments: "pay_1" is at version 2, so version 2 is not the next one');

describe('ledgerTransaction (rule L5)', () => {
  it('runs the work again from fresh reads after a conflict, and the failed attempt leaves nothing', async () => {
    const memory = new MemoryStorage();
    let attempts = 0;
    const result = await ledgerTransaction(memory, async (session) => {
      attempts += 1;
      await session.invoices.reserveNumbers('INV', 1);
      if (attempts === 1) throw stale();
      return session.invoices.reserveNumbers('INV', 1);
    });
    // The first attempt's reservation rolled back: the second attempt reserved 1, then 2.
    expect([attempts, result]).toEqual([2, 2]);
  });

  it(`gives up after ${LEDGER_ATTEMPTS} attempts with the last conflict`, async () => {
    let attempts = 0;
    const error = await rejection(
      ledgerTransaction(new MemoryStorage(), async () => {
        attempts += 1;
        throw stale();
      }),
    );
    expect([error.code, attempts]).toEqual(['conflict', 3]);
  });

  it('never runs the work again for another error', async () => {
    let attempts = 0;
    const error = await rejection(
      ledgerTransaction(new MemoryStorage(), async () => {
        attempts += 1;
        throw new BillingError('invalid_state', 'no');
      }),
    );
    expect([error.code, attempts]).toEqual(['invalid_state', 1]);
  });

  it('a payment whose first attempt meets a concurrent writer is recorded once, and its replay returns it', async () => {
    let conflicts = 1;
    const f = await createCycleFixture({
      wrap: (memory) =>
        recordedStorage(
          memory,
          [],
          (session): StorageSession => ({
            ...session,
            balance: {
              ...session.balance,
              insert: async (record) => {
                await session.balance.insert(record);
                // The overpayment is written, then the payment's transaction collides with another writer.
                if (conflicts-- > 0) throw stale();
              },
            },
          }),
        ),
    });
    const input = {
      customerId: f.customer.id,
      amount: '12.00',
      currency: 'EUR',
      method: 'cash' as const,
      idempotencyKey: 'pay-once',
    };
    const payment = await f.billing.payments.record(input);
    expect(await f.billing.payments.record(input)).toEqual(payment);
    expect((await f.billing.payments.list({ customerId: f.customer.id })).items.map((p) => p.id)).toEqual([payment.id]);
    const entries = (await f.billing.balance.transactions(f.customer.id)).items;
    expect(entries.map((e) => [e.type, e.amount, e.referenceId])).toEqual([['overpayment', '12.00', payment.id]]);
  });
});
