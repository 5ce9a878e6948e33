import {
  type BillingNotification,
  createBilling,
  createTestClock,
  type Customer,
  type Invoice,
  MemoryStorage,
  type Payment,
} from '@billfold/core';
import type { SellerProfile } from '@billfold/documents';

/** The seller on every document and email. */
export const seller: SellerProfile = {
  name: 'Acme GmbH',
  address: { line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  vatId: 'DE123456789',
  email: 'billing@acme.example',
};

/** One customer's records, enough for every notification kind. */
export interface CustomerStory {
  readonly customer: Customer;
  readonly installation: Invoice;
  readonly router: Invoice;
  readonly fee: Invoice;
  readonly subscriptionInvoice: Invoice;
  readonly subscriptionId: string;
  readonly payment: Payment;
  readonly refundId: string;
  readonly creditNoteId: string;
  readonly creditNoteNumber: string;
  /** One notification of every kind about this customer. */
  readonly notifications: readonly BillingNotification[];
}

/**
 * A billing engine (MemoryStorage, test clock) with two customers, Ada in London (English) and Zoë in Berlin
 * (German), each through March 2026: a subscription to Fibre 100 (39.00), an installation invoice (100.00) paid
 * 60.00 by bank transfer, refunded 5.00 and credited 10.00, a router (50.00) paid in full, and a late fee (25.00).
 */
export async function billingStory() {
  const clock = createTestClock('2026-03-02T09:00:00Z');
  const billing = createBilling({ storage: new MemoryStorage(), clock });
  const product = await billing.catalog.products.create({
    name: 'Fibre 100',
    billingCode: 'INT-100',
    category: 'internet',
  });
  const price = await billing.catalog.prices.create({
    productId: product.id,
    interval: 'month',
    spec: { model: 'flat', currency: 'EUR', amount: '39.00' },
  });
  const story = async (name: string, email: string, locale: string, timeZone: string): Promise<CustomerStory> => {
    clock.set('2026-03-02T09:00:00Z');
    const customer = await billing.customers.create({ name, email, locale, timeZone, currency: 'EUR' });
    const customerId = customer.id;
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId,
      items: [{ priceId: price.id }],
    });
    const oneOff = (description: string, amount: string) =>
      billing.invoices.createOneOff({ customerId, lines: [{ description, amount }], autoFinalize: true });
    const installation = await oneOff('Installation', '100.00');
    const router = await oneOff('Router', '50.00');
    clock.set('2026-03-05T10:00:00Z');
    await billing.payments.record({
      customerId,
      amount: '50.00',
      currency: 'EUR',
      method: 'card_external',
      allocations: [{ invoiceId: router.id, amount: '50.00' }],
    });
    const payment = await billing.payments.record({
      customerId,
      amount: '60.00',
      currency: 'EUR',
      method: 'bank_transfer',
      reference: 'SEPA-4711',
      allocations: [{ invoiceId: installation.id, amount: '60.00' }],
    });
    clock.set('2026-03-06T10:00:00Z');
    const creditNote = await billing.creditNotes.create({
      invoiceId: installation.id,
      amount: '10.00',
      reason: 'order_change',
    });
    clock.set('2026-03-07T10:00:00Z');
    const refund = await billing.payments.refund({ paymentId: payment.id, amount: '5.00', reason: 'Goodwill' });
    clock.set('2026-03-20T10:00:00Z');
    const fee = await oneOff('Late fee', '25.00');
    const at = (iso: string) => new Date(iso).toISOString();
    const common = { customerId };
    const notifications: BillingNotification[] = [
      { ...common, type: 'invoice.finalized', invoiceId: installation.id, occurredAt: at('2026-03-02T09:00:00Z') },
      { ...common, type: 'invoice.paid', invoiceId: router.id, occurredAt: at('2026-03-05T10:00:00Z') },
      {
        ...common,
        type: 'invoice.reminder',
        invoiceId: installation.id,
        reminderStep: 2,
        occurredAt: at('2026-03-19T10:00:00Z'),
      },
      { ...common, type: 'invoice.overdue', invoiceId: installation.id, occurredAt: at('2026-03-17T10:00:00Z') },
      {
        ...common,
        type: 'invoice.fee_charged',
        invoiceId: installation.id,
        feeInvoiceId: fee.id,
        amount: '25.00',
        currency: 'EUR',
        occurredAt: at('2026-03-20T10:00:00Z'),
      },
      { ...common, type: 'payment.received', paymentId: payment.id, occurredAt: at('2026-03-05T10:00:00Z') },
      {
        ...common,
        type: 'payment.failed',
        invoiceId: installation.id,
        decline: { code: 'insufficient_funds', message: 'Insufficient funds', kind: 'soft' },
        nextAttemptAt: at('2026-03-23T10:00:00Z'),
        occurredAt: at('2026-03-21T10:00:00Z'),
      },
      {
        ...common,
        type: 'payment.refunded',
        paymentId: payment.id,
        refundId: refund.id,
        occurredAt: at('2026-03-07T10:00:00Z'),
      },
      {
        ...common,
        type: 'credit_note.issued',
        creditNoteId: creditNote.id,
        invoiceId: installation.id,
        occurredAt: at('2026-03-06T10:00:00Z'),
      },
      {
        ...common,
        type: 'subscription.past_due',
        subscriptionId: subscription.id,
        invoiceId: invoices[0]?.id,
        occurredAt: at('2026-03-20T10:00:00Z'),
      },
      {
        ...common,
        type: 'subscription.suspended',
        subscriptionId: subscription.id,
        invoiceId: invoices[0]?.id,
        occurredAt: at('2026-03-25T10:00:00Z'),
      },
      {
        ...common,
        type: 'subscription.resumed',
        subscriptionId: subscription.id,
        occurredAt: at('2026-03-27T10:00:00Z'),
      },
      {
        ...common,
        type: 'statement.issued',
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        occurredAt: at('2026-04-01T06:00:00Z'),
      },
    ];
    return {
      customer,
      installation: await billing.invoices.get(installation.id),
      router,
      fee,
      subscriptionInvoice: invoices[0] as Invoice,
      subscriptionId: subscription.id,
      payment: await billing.payments.get(payment.id),
      refundId: refund.id,
      creditNoteId: creditNote.id,
      creditNoteNumber: creditNote.number,
      notifications,
    };
  };
  const ada = await story('Ada Lovelace', 'ada@example.com', 'en-GB', 'Europe/London');
  const zoe = await story('Zoë Müller', 'zoe@example.de', 'de-DE', 'Europe/Berlin');
  clock.set('2026-04-01T06:00:00Z');
  return { billing, clock, ada, zoe };
}
