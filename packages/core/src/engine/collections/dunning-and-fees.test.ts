import { describe, expect, it } from 'vitest';
import { listAll } from '../../domain/list-all';
import { rejection } from '../test-fixture';
import { createCollectionsFixture, EXAMPLE_POLICY } from './collections-fixture';

/* The fixture's customer, price and policy: see collections-fixture.ts and run-collections.test.ts. */

describe('waiving past-due fees', () => {
  it('takes a fee on its own invoice back with a credit note on its line; the record stays, waived', async () => {
    const f = await createCollectionsFixture();
    await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    f.clock.set('2026-03-22T07:00:00Z');
    await f.billing.collections.run();
    const fees = (await f.billing.collections.listFees({ customerId: f.customer.id })).items;
    const compensation = fees.find((fee) => fee.kind === 'compensation');
    const waived = await f.billing.collections.waiveFee({ feeId: compensation?.id as string, reason: 'Goodwill' });
    expect(waived).toMatchObject({ status: 'waived', waivedAt: '2026-03-22T07:00:00.000Z' });
    const note = (await f.billing.creditNotes.list()).items[0];
    expect(note).toMatchObject({
      id: waived.creditNoteId,
      number: 'CN-2026-000001',
      invoiceId: compensation?.feeInvoiceId,
      total: '40.00',
      memo: 'Goodwill',
    });
    expect(note?.lines[0]).toMatchObject({ invoiceLineId: compensation?.invoiceLineId, amount: '40.00' });
    // The fee invoice of 66.83 now owes 66.83 − 40.00 = 26.83.
    const feeInvoice = await f.billing.invoices.get(compensation?.feeInvoiceId as string);
    expect([feeInvoice.amountCredited, feeInvoice.amountRemaining]).toEqual(['40.00', '26.83']);
    const again = await rejection(f.billing.collections.waiveFee({ feeId: waived.id }));
    expect(again).toMatchObject({ code: 'invalid_state', path: ['input', 'feeId'] });
    // Waived is still charged once: the next reminder charges no second compensation.
    f.clock.set('2026-03-29T07:00:00Z');
    await f.billing.collections.run();
    const after = (await f.billing.collections.listFees({ customerId: f.customer.id })).items;
    expect(after.filter((fee) => fee.kind === 'compensation')).toHaveLength(1);
  });

  it('bills fees on the next invoice by policy, taxed like it, and removes a waived one before then', async () => {
    const f = await createCollectionsFixture({
      policy: { ...EXAMPLE_POLICY, fees: { billing: 'next_invoice', taxable: true } },
    });
    const { subscription } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    f.clock.set('2026-03-22T07:00:00Z');
    const summary = await f.billing.collections.run();
    expect(summary.feesByCurrency).toEqual({ EUR: '66.83' });
    const pending = (await f.billing.subscriptions.get(subscription.id)).pendingLines;
    expect(pending.map((line) => [line.kind, line.billingCode, line.amount])).toEqual([
      ['fee', 'LATE-FEE', '25.00'],
      ['fee', 'LATE-INTEREST', '1.83'],
      ['fee', 'LATE-COMP', '40.00'],
    ]);
    const charged = f.sent.find((n) => n.type === 'invoice.fee_charged');
    expect(charged).toMatchObject({ amount: '66.83', reminderStep: 3 });
    expect(charged && 'feeInvoiceId' in charged ? charged.feeInvoiceId : undefined).toBeUndefined();
    const interest = (await f.billing.collections.listFees()).items.find((fee) => fee.kind === 'interest');
    await f.billing.collections.waiveFee({ feeId: interest?.id as string });
    expect((await f.billing.subscriptions.get(subscription.id)).pendingLines.map((l) => l.amount)).toEqual([
      '25.00',
      '40.00',
    ]);
    // The April invoice: 840.34 + 25.00 + 40.00 = 905.34 net, 19 % VAT 172.0146 → 172.01, total 1,077.35.
    f.clock.set('2026-04-01T08:00:00Z');
    await f.billing.runCycle();
    const april = (await listAll((page) => f.billing.invoices.list({ subscriptionId: subscription.id, ...page }))).at(
      -1,
    );
    expect(april).toMatchObject({ subtotal: '905.34', taxTotal: '172.01', total: '1077.35' });
    const billedFee = (await f.billing.collections.listFees()).items.find((fee) => fee.kind === 'reminder');
    const late = await rejection(f.billing.collections.waiveFee({ feeId: billedFee?.id as string }));
    expect(late).toMatchObject({ code: 'invalid_state' });
  });
});

describe('fees beside tax codes', () => {
  it("taxes fees as the policy says (the customer's rates), whatever the tax codes of the overdue invoice", async () => {
    const f = await createCollectionsFixture({ policy: { ...EXAMPLE_POLICY, fees: { taxable: true } } });
    await f.billing.catalog.taxRates.create({
      id: 'txr_reduced',
      name: 'VAT 7%',
      percentage: '7',
      inclusive: false,
      taxCode: 'reduced',
    });
    const magazine = await f.billing.catalog.products.create({
      name: 'Magazine',
      billingCode: 'MAG',
      category: 'media',
      taxCode: 'reduced',
    });
    const monthly = await f.billing.catalog.prices.create({
      productId: magazine.id,
      spec: { model: 'flat', currency: 'EUR', amount: '10.00' },
      interval: 'month',
    });
    const { invoices } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }, { priceId: monthly.id }],
    });
    // 840.34 + 19 % (159.66) and 10.00 + 7 % (0.70): 1,010.70.
    expect(invoices[0]?.taxes.map((tax) => [tax.rateId, tax.amount])).toEqual([
      ['txr_vat', '159.66'],
      ['txr_reduced', '0.70'],
    ]);
    expect(invoices[0]?.total).toBe('1010.70');
    f.clock.set('2026-03-22T07:00:00Z');
    await f.billing.collections.run();
    const feeInvoice = (await f.billing.invoices.list({ customerId: f.customer.id })).items.find(
      (invoice) => invoice.billingReason === 'collections_fee',
    );
    // On 1,010.70: 10.00 + 1.5 % (15.1605 → 15.16) = 25.16; 11.15 % for 6 days: 1,010.70 × 11.15 × 6 / 36,500
    // = 1.8525… → 1.85; 40.00 compensation. 67.01, all at the customer's 19 %: 4.78 + 0.35 + 7.60 = 12.73.
    expect(feeInvoice?.lines.map((line) => line.amount)).toEqual(['25.16', '1.85', '40.00']);
    expect(feeInvoice?.taxes.map((tax) => [tax.rateId, tax.taxableAmount, tax.amount])).toEqual([
      ['txr_vat', '67.01', '12.73'],
    ]);
    expect(feeInvoice?.total).toBe('79.74');
  });
});

describe('dunning', () => {
  it('leaves a subscription on a lenient plan policy active while the account policy suspends another', async () => {
    const f = await createCollectionsFixture({ config: { collectionsPolicies: { lenient: { dunning: false } } } });
    const strict = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    const lenient = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
      collectionsPolicy: 'lenient',
    });
    await f.daily('2026-03-29');
    expect((await f.billing.subscriptions.get(strict.subscription.id)).dunning?.stage).toBe('suspended');
    const untouched = await f.billing.subscriptions.get(lenient.subscription.id);
    expect([untouched.status, untouched.dunning]).toEqual(['active', undefined]);
    // Its invoice is reminded and charged all the same (reminders and fees follow the customer's policy).
    expect((await f.billing.invoices.get(lenient.invoices[0]?.id as string)).remindersSent).toBe(4);
    expect(
      await f.billing.collections.access(f.customer.id, { subscriptionId: lenient.subscription.id }),
    ).toMatchObject({
      state: 'grace',
      reason: 'overdue',
    });
    expect(await f.billing.collections.access(f.customer.id, { subscriptionId: strict.subscription.id })).toMatchObject(
      {
        state: 'suspended',
      },
    );
  });

  it('resumes only once every overdue invoice of the subscription is paid', async () => {
    const f = await createCollectionsFixture();
    const { subscription, invoices } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    await f.daily('2026-03-31');
    f.clock.set('2026-04-01T08:00:00Z');
    await f.billing.runCycle(); // the April invoice, 1,000.00, due 15 April
    await f.daily('2026-04-19'); // overdue from 19 April
    const april = (await listAll((page) => f.billing.invoices.list({ subscriptionId: subscription.id, ...page }))).at(
      -1,
    );
    expect(april?.overdue).toBe(true);
    await f.billing.payments.record({
      customerId: f.customer.id,
      amount: '1000.00',
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: invoices[0]?.id as string, amount: '1000.00' }],
    });
    expect((await f.billing.subscriptions.get(subscription.id)).dunning?.stage).toBe('suspended');
    await f.billing.payments.record({
      customerId: f.customer.id,
      amount: '1000.00',
      currency: 'EUR',
      method: 'cash',
      allocations: [{ invoiceId: april?.id as string, amount: '1000.00' }],
    });
    expect(await f.billing.subscriptions.get(subscription.id)).toMatchObject({ status: 'active' });
    expect(f.sent.filter((n) => n.type === 'subscription.resumed')).toHaveLength(1);
  });

  it('cancels at the end of the period when the policy says so; a paused subscription keeps its status', async () => {
    const f = await createCollectionsFixture({
      policy: { ...EXAMPLE_POLICY, dunning: { pastDueAfterDays: 0, suspendAfterDays: 3, cancelAfterDays: 7 } },
    });
    const { subscription } = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    const paused = await f.billing.subscriptions.create({
      customerId: f.customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    // Paused on its schedule: dunning records itself but leaves the status.
    await f.billing.subscriptions.pause({ subscriptionId: paused.subscription.id, behavior: 'keep_schedule' });
    await f.daily('2026-03-26');
    expect(await f.billing.subscriptions.get(subscription.id)).toMatchObject({
      status: 'unpaid',
      cancelAtPeriodEnd: true,
      canceledAt: '2026-03-26T07:00:00.000Z',
      dunning: { stage: 'canceled', suspendedAt: '2026-03-22T07:00:00.000Z' },
    });
    expect(await f.billing.subscriptions.get(paused.subscription.id)).toMatchObject({
      status: 'paused',
      dunning: { stage: 'canceled' },
    });
    // The billing run ends it at its period end (1 April), charging nothing more in advance.
    f.clock.set('2026-04-01T08:00:00Z');
    await f.billing.runCycle();
    expect(await f.billing.subscriptions.get(subscription.id)).toMatchObject({ status: 'canceled' });
    expect(await f.billing.subscriptions.get(paused.subscription.id)).toMatchObject({ status: 'canceled' });
  });
});
