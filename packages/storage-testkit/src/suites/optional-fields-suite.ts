import { expect, it } from 'vitest';
import { expectNoNulls } from '../assertions';
import { makeCatalogPrice, makeCoupon, makeProduct, makeTaxRate } from '../builders/catalog';
import { makeCustomer } from '../builders/customer';
import { makeInvoice, makeInvoiceLine } from '../builders/invoice';
import { makePayment, makeRefund } from '../builders/payment';
import { makeSubscription } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertPayment, insertProduct } from './parents';
import {
  balanceTransactionKind,
  couponKind,
  creditNoteKind,
  customerKind,
  invoiceKind,
  meterKind,
  paymentKind,
  priceKind,
  productKind,
  type RecordKind,
  refundKind,
  taxRateKind,
} from './record-kinds';

/** A minimal record of this kind comes back with exactly its keys, through get and list. */
function staysMinimal<T extends { readonly id: string }>(kit: KitContext, kind: RecordKind<T>): void {
  it(`a ${kind.entity} without optional fields comes back without them, never with null`, async () => {
    const storage = kit.storage();
    const record = await kind.build(storage);
    await kind.repository(storage).insert(record);
    const got = await kind.repository(storage).get(record.id);
    expectNoNulls(got);
    expect(Object.keys(got as object).sort()).toEqual(Object.keys(record).sort());
    expect(got).toStrictEqual(record);
    const listed = await kind.repository(storage).list({ ...kind.listFilter?.(record), limit: 1000 });
    const item = listed.items.find((candidate) => candidate.id === record.id);
    expectNoNulls(item);
    expect(item).toStrictEqual(record);
  });
}

/** Suite `optionalFields`: absent optional fields stay absent; set ones stay set; updates remove them. */
export function optionalFieldsSuite(kit: KitContext): void {
  staysMinimal(kit, customerKind);
  staysMinimal(kit, productKind);
  staysMinimal(kit, priceKind);
  staysMinimal(kit, meterKind);
  staysMinimal(kit, couponKind);
  staysMinimal(kit, taxRateKind);
  staysMinimal(kit, invoiceKind);
  staysMinimal(kit, creditNoteKind);
  staysMinimal(kit, paymentKind);
  staysMinimal(kit, refundKind);
  staysMinimal(kit, balanceTransactionKind);

  it('a subscription without nextBillingAt, trialEnd and the rest comes back without them', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const subscription = makeSubscription({ customerId: customer.id });
    delete (subscription as { nextBillingAt?: string }).nextBillingAt;
    await storage.subscriptions.insert(subscription);
    const got = await storage.subscriptions.get(subscription.id);
    expectNoNulls(got);
    expect(got).toStrictEqual(subscription);
  });

  it('records with every optional field set come back with all of them', async () => {
    const storage = kit.storage();
    const address = {
      line1: 'Hauptstr. 1',
      line2: 'Hinterhaus',
      city: 'Berlin',
      postalCode: '10115',
      region: 'BE',
      country: 'DE',
    };
    const customer = makeCustomer({
      phone: '+49 30 1234567',
      address,
      externalRef: 'crm-42',
      collectionsPolicy: 'vip',
    });
    await storage.customers.insert(customer);
    const product = makeProduct({ description: 'All features', taxCode: 'reduced' });
    await storage.products.insert(product);
    const price = makeCatalogPrice({
      productId: product.id,
      meterId: 'meter_1',
      timing: 'in_arrears',
      currencyOptions: [
        { model: 'flat', currency: 'CHF', amount: '9.50', minimumAmount: '1.00' },
        { model: 'flat', currency: 'USD', amount: '11.00' },
      ],
    });
    await storage.prices.insert(price);
    const coupon = makeCoupon({
      percentOff: undefined,
      amountOff: '5.00',
      currency: 'EUR',
      appliesTo: { productIds: [product.id], priceIds: [price.id] },
      duration: 'repeating',
      durationPeriods: 3,
    });
    delete (coupon as { percentOff?: string }).percentOff;
    await storage.coupons.insert(coupon);
    const taxRate = makeTaxRate({
      compound: true,
      jurisdiction: 'QC',
      taxCode: 'reduced',
      country: 'CA',
      region: 'QC',
    });
    await storage.taxRates.insert(taxRate);
    const subscription = makeSubscription({
      customerId: customer.id,
      trialEnd: '2026-02-01T00:00:00.000Z',
      canceledAt: '2026-03-01T00:00:00.000Z',
      endedAt: '2026-04-01T00:00:00.000Z',
      couponId: coupon.id,
      collectionsPolicy: 'b2b-strict',
      dunning: {
        stage: 'suspended',
        invoiceId: 'inv_overdue',
        since: '2026-03-19T07:00:00.000Z',
        stageSince: '2026-03-29T07:00:00.000Z',
        suspendedAt: '2026-03-29T07:00:00.000Z',
      },
      pendingLines: [
        {
          description: 'Upgrade',
          amount: '4.00',
          billingCode: 'PRO',
          priceId: price.id,
          kind: 'proration',
          periodStart: '2026-01-20T00:00:00.000Z',
          periodEnd: '2026-02-15T10:00:00.000Z',
        },
        {
          id: 'pii_router',
          description: 'Router × 2',
          amount: '198.00',
          quantity: '2',
          unitAmount: '99.00',
          billingCode: 'HW-ROUTER',
          priceId: price.id,
          taxCode: 'standard',
          discountable: false,
          kind: 'one_off',
        },
        {
          description: 'Reminder fee',
          amount: '25.00',
          billingCode: 'LATE-FEE',
          kind: 'fee',
          feeId: 'fee_1',
          periodStart: '2026-03-22T07:00:00.000Z',
          periodEnd: '2026-03-22T07:00:00.000Z',
        },
      ],
      pause: {
        behavior: 'restart',
        pausedAt: '2026-01-25T00:00:00.000Z',
        resumeAt: '2026-03-01T00:00:00.000Z',
      },
      scheduledChanges: [
        {
          id: 'sch_down',
          action: 'change_items',
          at: '2026-03-15T10:00:00.000Z',
          items: [{ id: 'si_basic', priceId: price.id, quantity: '1' }],
          interval: 'year',
          intervalCount: 1,
          createdAt: '2026-01-20T00:00:00.000Z',
        },
        { id: 'sch_end', action: 'cancel', at: '2027-03-15T10:00:00.000Z', createdAt: '2026-01-21T00:00:00.000Z' },
      ],
    });
    await storage.subscriptions.insert(subscription);
    const invoice = makeInvoice({
      customerId: customer.id,
      number: 'INV-1',
      subscriptionId: subscription.id,
      billingReason: 'subscription_cycle',
      periodStart: '2026-01-15T10:00:00.000Z',
      periodEnd: '2026-02-15T10:00:00.000Z',
      lines: [
        makeInvoiceLine({
          billingCode: 'PRO',
          priceId: price.id,
          quantity: '2',
          unitAmount: '5.00',
          periodStart: '2026-01-15T10:00:00.000Z',
          periodEnd: '2026-02-15T10:00:00.000Z',
        }),
        makeInvoiceLine({
          kind: 'usage',
          quantity: '12345',
          tiers: [
            { from: '0', upTo: '1000', quantity: '1000', unitAmount: '0', amount: '0' },
            { from: '1000', quantity: '11345', unitAmount: '0.002', flatAmount: '1.50', amount: '24.190' },
          ],
        }),
      ],
      taxRates: [taxRate],
      customerSnapshot: {
        name: customer.name,
        email: customer.email,
        address,
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        taxStatus: 'reverse_charge',
        locale: 'de-DE',
      },
      issuedAt: '2026-02-15T10:00:00.000Z',
      dueAt: '2026-03-01T10:00:00.000Z',
      paidAt: '2026-02-20T10:00:00.000Z',
      voidedAt: '2026-02-21T10:00:00.000Z',
      status: 'void',
      remindersSent: 3,
      overdue: true,
      overdueAt: '2026-03-05T00:00:00.000Z',
      lastReminderAt: '2026-03-08T07:00:00.000Z',
      collectionsDueAt: '2026-03-15T00:00:00.000Z',
    });
    await storage.invoices.insert(invoice);
    const payment = makePayment({ customerId: customer.id, reference: 'CHQ-000123' });
    await storage.payments.insert(payment);
    const refund = makeRefund({ customerId: customer.id, paymentId: payment.id, reason: 'Duplicate payment' });
    await storage.refunds.insert(refund);
    expect(await storage.customers.get(customer.id)).toStrictEqual(customer);
    expect(await storage.products.get(product.id)).toStrictEqual(product);
    expect(await storage.prices.get(price.id)).toStrictEqual(price);
    expect(await storage.coupons.get(coupon.id)).toStrictEqual(coupon);
    expect(await storage.taxRates.get(taxRate.id)).toStrictEqual(taxRate);
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
    expect(await storage.payments.get(payment.id)).toStrictEqual(payment);
    expect(await storage.refunds.get(refund.id)).toStrictEqual(refund);
  });

  it('an update that leaves optional fields out removes them (a pause, scheduled changes)', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage, {
      phone: '+1 555 0100',
      externalRef: 'crm-1',
      address: { line1: '1 Main St', city: 'Springfield', country: 'US' },
    });
    const { phone: _phone, externalRef: _ref, address: _address, ...bare } = customer;
    await storage.customers.update({ ...bare, version: 2 });
    const got = await storage.customers.get(customer.id);
    expectNoNulls(got);
    expect(got).toStrictEqual({ ...bare, version: 2 });
    const subscription = makeSubscription({
      customerId: customer.id,
      trialEnd: '2026-02-01T00:00:00.000Z',
      pause: { behavior: 'keep_schedule', pausedAt: '2026-02-03T00:00:00.000Z' },
      scheduledChanges: [
        { id: 'sch_1', action: 'cancel', at: '2026-04-15T10:00:00.000Z', createdAt: '2026-02-01T00:00:00.000Z' },
      ],
    });
    await storage.subscriptions.insert(subscription);
    const {
      nextBillingAt: _next,
      trialEnd: _trial,
      pause: _pause,
      scheduledChanges: _changes,
      ...ended
    } = subscription;
    await storage.subscriptions.update({ ...ended, status: 'canceled', version: 2 });
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual({
      ...ended,
      status: 'canceled',
      version: 2,
    });
    const payment = await insertPayment(storage, { customerId: customer.id, reference: 'REF-1' });
    const { reference: _reference, ...unreferenced } = payment;
    await storage.payments.update({ ...unreferenced, version: 2 });
    expect(await storage.payments.get(payment.id)).toStrictEqual({ ...unreferenced, version: 2 });
  });

  it('an optional field given as undefined is stored absent', async () => {
    const storage = kit.storage();
    const product = await insertProduct(storage, { description: undefined });
    const got = await storage.products.get(product.id);
    expect(got !== undefined && 'description' in got).toBe(false);
  });
}
