import { describe, expect, it } from 'vitest';
import { createEngineFixture } from './test-fixture';

describe('createBilling', () => {
  it('wires every service over one context: a month of a subscription, invoiced, paid and corrected', async () => {
    const { billing, customer, clock, notifications } = await createEngineFixture();
    const product = await billing.catalog.products.create({
      name: 'Internet 100',
      billingCode: 'INT-100M',
      category: 'internet',
    });
    const monthly = await billing.catalog.prices.create({
      productId: product.id,
      spec: { model: 'flat', currency: 'EUR', amount: '30.00' },
      interval: 'month',
    });
    expect((await billing.catalog.prices.list({ productId: product.id })).items).toEqual([monthly]);
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: monthly.id }],
    });
    // the first period is billed at once: 30.00 + 19% VAT = 35.70
    expect(invoices.map((i) => [i.number, i.total, i.status])).toEqual([['INV-2026-000001', '35.70', 'open']]);
    await billing.payments.record({
      customerId: customer.id,
      amount: '35.70',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    clock.advance({ months: 1 });
    const run = await billing.runCycle();
    expect(run.invoicesCreated).toBe(1);
    const second = (await billing.invoices.list({ subscriptionId: subscription.id })).items.at(-1);
    expect(second).toMatchObject({
      number: 'INV-2026-000002',
      total: '35.70',
      status: 'open',
      billingReason: 'subscription_cycle',
    });
    const note = await billing.creditNotes.create({
      invoiceId: second?.id as string,
      amount: '35.70',
      reason: 'duplicate',
    });
    expect(note).toMatchObject({
      number: 'CN-2026-000001',
      subtotal: '30.00',
      taxTotal: '5.70',
      appliedToInvoice: '35.70',
    });
    expect(await billing.invoices.get(second?.id as string)).toMatchObject({ status: 'paid', amountCredited: '35.70' });
    expect(notifications.map((n) => n.type)).toContain('credit_note.issued');
  });
});
