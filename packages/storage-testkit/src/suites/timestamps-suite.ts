import { expect, it } from 'vitest';
import { makeCustomer } from '../builders/customer';
import { makeIdempotencyRecord } from '../builders/payment';
import { makeSubscription, makeUsageEvent } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice, insertPayment } from './parents';

/** Instants that time-zone or precision mistakes change. */
const INSTANTS = {
  lastMillisecondOfMonth: '2026-03-31T23:59:59.999Z',
  epoch: '1970-01-01T00:00:00.000Z',
  leapDay: '2028-02-29T12:00:00.000Z',
  farFuture: '2099-12-31T23:59:59.999Z',
  oneMillisecond: '2026-01-31T00:00:00.001Z',
  summerTimeSwitch: '2026-03-29T01:00:00.000Z',
} as const;

/** Suite `timestamps`: instants come back as the same ISO UTC text. */
export function timestampsSuite(kit: KitContext): void {
  it('customer and subscription instants round-trip unchanged', async () => {
    const storage = kit.storage();
    const customer = makeCustomer({
      createdAt: INSTANTS.epoch,
      updatedAt: INSTANTS.lastMillisecondOfMonth,
      timeZone: 'Pacific/Kiritimati',
    });
    await storage.customers.insert(customer);
    expect(await storage.customers.get(customer.id)).toStrictEqual(customer);
    const subscription = makeSubscription({
      customerId: customer.id,
      anchor: INSTANTS.leapDay,
      currentPeriodStart: INSTANTS.summerTimeSwitch,
      currentPeriodEnd: INSTANTS.lastMillisecondOfMonth,
      nextBillingAt: INSTANTS.oneMillisecond,
      trialEnd: INSTANTS.farFuture,
      canceledAt: INSTANTS.epoch,
    });
    await storage.subscriptions.insert(subscription);
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
    expect((await storage.subscriptions.list({ customerId: customer.id })).items).toStrictEqual([subscription]);
  });

  it('invoice, payment, usage and idempotency instants round-trip unchanged', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = await insertInvoice(storage, {
      customerId: customer.id,
      createdAt: INSTANTS.oneMillisecond,
      periodStart: INSTANTS.leapDay,
      periodEnd: INSTANTS.summerTimeSwitch,
      issuedAt: INSTANTS.lastMillisecondOfMonth,
      dueAt: INSTANTS.farFuture,
      paidAt: INSTANTS.epoch,
    });
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
    const payment = await insertPayment(storage, { customerId: customer.id, receivedAt: INSTANTS.summerTimeSwitch });
    expect(await storage.payments.get(payment.id)).toStrictEqual(payment);
    const subscription = makeSubscription({ customerId: customer.id });
    await storage.subscriptions.insert(subscription);
    const events = Object.values(INSTANTS).map((timestamp) =>
      makeUsageEvent({ customerId: customer.id, subscriptionId: subscription.id, timestamp }),
    );
    await storage.usage.insertMany(events);
    const page = await storage.usage.list({
      subscriptionId: subscription.id,
      from: INSTANTS.epoch,
      to: '2100-01-01T00:00:00.000Z',
    });
    expect(page.items.map((event) => event.timestamp)).toEqual(Object.values(INSTANTS).sort());
    const record = makeIdempotencyRecord({ createdAt: INSTANTS.oneMillisecond });
    await storage.idempotency.put(record);
    expect((await storage.idempotency.get(record.key))?.createdAt).toBe(INSTANTS.oneMillisecond);
  });
}
