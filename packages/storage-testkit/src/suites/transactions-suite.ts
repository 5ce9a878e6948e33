import { expect, it } from 'vitest';
import { expectBillingError, expectDecimal } from '../assertions';
import { settle } from '../timing';
import { makeProduct } from '../builders/catalog';
import { makeCustomer } from '../builders/customer';
import { makeInvoice } from '../builders/invoice';
import { makeBalanceTransaction, makeIdempotencyRecord, makePayment } from '../builders/payment';
import { makeSubscription, makeUsageEvent } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertSubscription } from './parents';

/** Suite `transactions`: commit, rollback of every kind of write, the error re-thrown, isolation. */
export function transactionsSuite(kit: KitContext): void {
  it('commits every write when work resolves, and returns its result', async () => {
    const storage = kit.storage();
    const customer = makeCustomer();
    const subscription = makeSubscription({ customerId: customer.id });
    const result = await storage.transaction(async (session) => {
      await session.customers.insert(customer);
      await session.subscriptions.insert(subscription);
      return { first: await session.invoices.reserveNumbers('INV', 2) };
    });
    expect(result).toEqual({ first: 1 });
    expect(await storage.customers.get(customer.id)).toStrictEqual(customer);
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
    expect(await storage.invoices.reserveNumbers('INV', 1)).toBe(3);
  });

  it('the session sees its own writes before commit', async () => {
    const storage = kit.storage();
    const existing = await insertCustomer(storage);
    await storage.transaction(async (session) => {
      const customer = makeCustomer();
      await session.customers.insert(customer);
      expect(await session.customers.get(customer.id)).toStrictEqual(customer);
      await session.customers.update({ ...existing, name: 'Renamed', version: 2 });
      expect((await session.customers.get(existing.id))?.version).toBe(2);
      expect((await session.customers.list({})).items).toHaveLength(2);
    });
  });

  it('a thrown error rolls back every write, of every repository, and is re-thrown unchanged', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const subscription = await insertSubscription(storage, { customerId: customer.id });
    const product = makeProduct({ billingCode: 'KIT-ROLLBACK' });
    const event = makeUsageEvent({ customerId: customer.id, subscriptionId: subscription.id });
    const idempotencyRecord = makeIdempotencyRecord();
    const newCustomer = makeCustomer();
    const invoice = makeInvoice({ customerId: customer.id, status: 'open', sequence: 'INV', number: 'INV-1' });
    const payment = makePayment({ customerId: customer.id });
    const boom = new Error('work failed');
    await expect(
      storage.transaction(async (session) => {
        await session.customers.insert(newCustomer);
        await session.customers.update({ ...customer, name: 'Changed', version: 2 });
        await session.subscriptions.update({ ...subscription, status: 'canceled', version: 2 });
        await session.products.insert(product);
        await session.invoices.insert(invoice);
        expect(await session.invoices.reserveNumbers('INV', 3)).toBe(1);
        await session.payments.insert(payment);
        await session.balance.insert(makeBalanceTransaction({ customerId: customer.id, amount: '12.34' }));
        expect((await session.usage.insertMany([event])).inserted).toEqual([
          { customerId: event.customerId, id: event.id },
        ]);
        await session.idempotency.put(idempotencyRecord);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.customers.get(newCustomer.id)).toBeUndefined();
    expect(await storage.customers.get(customer.id)).toStrictEqual(customer);
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
    expect(await storage.products.getByBillingCode('KIT-ROLLBACK')).toBeUndefined();
    expect(await storage.invoices.get(invoice.id)).toBeUndefined();
    expect(await storage.invoices.reserveNumbers('INV', 1)).toBe(1);
    expect(await storage.payments.get(payment.id)).toBeUndefined();
    expectDecimal(await storage.balance.balance(customer.id, 'EUR'), '0');
    expect((await storage.balance.list({ customerId: customer.id })).items).toEqual([]);
    expect(await storage.usage.insertMany([event])).toEqual({
      inserted: [{ customerId: event.customerId, id: event.id }],
      duplicates: [],
    });
    expect(await storage.idempotency.get(idempotencyRecord.key)).toBeUndefined();
    await storage.products.insert(product);
    await storage.invoices.insert(invoice);
  });

  it('re-throws what work throws as it is: a BillingError from the adapter, or a non-Error value', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const other = makeCustomer();
    let inner: unknown;
    const outcome = storage.transaction(async (session) => {
      await session.customers.insert(other);
      try {
        await session.customers.insert(customer);
      } catch (error) {
        inner = error;
        throw error;
      }
    });
    await expectBillingError(outcome, 'conflict');
    await expect(outcome).rejects.toBe(inner);
    expect(await storage.customers.get(other.id)).toBeUndefined();
    await expect(storage.transaction(async () => Promise.reject('plain string'))).rejects.toBe('plain string');
  });

  it('no dirty reads: outside the transaction its uncommitted writes are never seen', async () => {
    const storage = kit.storage();
    const customer = makeCustomer();
    let seenOutside: Promise<unknown> | undefined;
    const boom = new Error('rolled back');
    await expect(
      storage.transaction(async (session) => {
        await session.customers.insert(customer);
        // Read through the adapter (not the session) while the transaction is open; do not wait for it here.
        seenOutside = storage.customers.get(customer.id);
        await settle();
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await seenOutside).toBeUndefined();
    expect(await storage.customers.get(customer.id)).toBeUndefined();
  });

  it('concurrent updates from the same version: exactly one wins, the others get conflict', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const outcomes = await Promise.allSettled(
      ['A', 'B', 'C'].map((name) =>
        storage.transaction((session) => session.customers.update({ ...customer, name, version: 2 })),
      ),
    );
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') await expectBillingError(Promise.reject(outcome.reason), 'conflict');
    }
    const stored = await storage.customers.get(customer.id);
    expect(stored?.version).toBe(2);
    expect(['A', 'B', 'C']).toContain(stored?.name);
  });
}
