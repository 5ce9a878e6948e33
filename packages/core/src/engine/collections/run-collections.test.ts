import { describe, expect, it } from 'vitest';
import { listAll } from '../../domain/list-all';
import { rejection } from '../test-fixture';
import { createCollectionsFixture } from './collections-fixture';

/*
 * A month of collections on the test clock, every figure computed by hand. Acme GmbH (Berlin, a VAT id: a business)
 * subscribes to Fibre 1000 on 1 March 2026 at 09:00 Berlin (08:00 UTC): 840.34 + 19 % VAT (159.66) = 1,000.00,
 * due 14 days later at the end of 15 March, Berlin time (2026-03-15T22:59:59.999Z; Berlin is UTC+1 until DST starts
 * on 29 March at 02:00). Collections run daily at 07:00 UTC. The policy (EXAMPLE_POLICY):
 *   reminder 1:  3 days before the due date: 12 March 00:00 Berlin = 11 March 23:00 UTC → sent 12 March
 *   reminder 2:  on the due date:            15 March 00:00 Berlin                   → sent 15 March
 *   overdue:     due date + 3 days' grace:   19 March 00:00 Berlin = 18 March 23:00 UTC → 19 March; past due too
 *   reminder 3:  7 days after:               22 March 00:00 Berlin                   → sent 22 March, with fees
 *   unpaid:      7 days after overdue:       26 March 00:00 Berlin                   → 26 March
 *   reminder 4: 14 days after:               29 March 00:00 Berlin = 28 March 23:00 UTC (still UTC+1) → 29 March
 *   suspended:  10 days after overdue:       29 March 00:00 Berlin                   → 29 March
 * Fees of reminder 3: 10.00 + 1.5 % × 1,000.00 = 10.00 + 15.00 = 25.00; interest at 2.15 + 9 = 11.15 % a year for
 * the late days 16–21 March (6 days): 1,000.00 × 11.15 × 6 / 36,500 = 66,900 / 36,500 = 1.8328… → 1.83; the 40.00
 * compensation once (a business). Fee invoice: 25.00 + 1.83 + 40.00 = 66.83, untaxed (damages, outside VAT).
 * Fees of reminder 4: 25.00 again; interest for 22–28 March (7 days): 78,050 / 36,500 = 2.1383… → 2.14. Total 27.14.
 * On 30 March Acme pays 1,000.00 + 66.83 + 27.14 = 1,093.97: every invoice paid, the line resumes.
 */

describe('collections through a month on the test clock', () => {
  it('reminds before and on the due date, flags overdue, charges fees, suspends, and resumes on payment', async () => {
    const f = await createCollectionsFixture();
    const { billing, customer } = f;
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: f.fibrePriceId }],
    });
    const invoice = invoices[0];
    expect(invoice).toMatchObject({
      number: 'INV-2026-000001',
      total: '1000.00',
      dueAt: '2026-03-15T22:59:59.999Z',
      collectionsDueAt: '2026-03-11T23:00:00.000Z',
    });
    const id = invoice?.id as string;

    await f.daily('2026-03-18');
    expect((await billing.invoices.get(id)).remindersSent).toBe(2);
    expect(await billing.collections.access(customer.id)).toEqual({
      state: 'grace',
      reason: 'past_due',
      since: '2026-03-15T22:59:59.999Z',
      invoiceIds: [id],
      subscriptionIds: [],
    });

    await f.daily('2026-03-21');
    expect(await billing.invoices.get(id)).toMatchObject({
      overdue: true,
      overdueAt: '2026-03-18T23:00:00.000Z',
      remindersSent: 2,
      collectionsDueAt: '2026-03-21T23:00:00.000Z',
    });
    expect((await billing.subscriptions.get(subscription.id)).status).toBe('past_due');

    await f.daily('2026-03-28');
    const fees = (await billing.collections.listFees({ invoiceId: id })).items;
    expect(fees.map((fee) => [fee.key, fee.amount, fee.days ?? '', fee.annualRate ?? ''])).toEqual([
      ['reminder/3', '25.00', '', ''],
      ['interest/2026-03-16', '1.83', 6, '11.15'],
      ['compensation', '40.00', '', ''],
    ]);
    const feeInvoice = await billing.invoices.get(fees[0]?.feeInvoiceId as string);
    expect(feeInvoice).toMatchObject({
      number: 'INV-2026-000002',
      billingReason: 'collections_fee',
      taxTotal: '0.00',
      total: '66.83',
      status: 'open',
    });
    expect(feeInvoice.lines.map((line) => [line.billingCode, line.amount, line.description])).toEqual([
      ['LATE-FEE', '25.00', 'Reminder fee (reminder 3) for invoice INV-2026-000001'],
      [
        'LATE-INTEREST',
        '1.83',
        'Interest at 11.15 % a year on 1000.00 EUR for 6 days late (2026-03-16 to 2026-03-21), invoice INV-2026-000001',
      ],
      ['LATE-COMP', '40.00', 'Compensation for recovery costs, invoice INV-2026-000001'],
    ]);
    expect((await billing.subscriptions.get(subscription.id)).status).toBe('unpaid');

    await f.daily('2026-03-29');
    const allFees = (await billing.collections.listFees({ invoiceId: id })).items;
    expect(allFees.slice(3).map((fee) => [fee.key, fee.amount, fee.from ?? '', fee.to ?? ''])).toEqual([
      ['reminder/4', '25.00', '', ''],
      ['interest/2026-03-22', '2.14', '2026-03-22', '2026-03-28'],
    ]);
    const secondFeeInvoice = await billing.invoices.get(allFees[3]?.feeInvoiceId as string);
    expect(secondFeeInvoice).toMatchObject({ number: 'INV-2026-000003', total: '27.14' });
    const suspended = await billing.subscriptions.get(subscription.id);
    expect(suspended).toMatchObject({
      status: 'unpaid',
      dunning: {
        stage: 'suspended',
        invoiceId: id,
        since: '2026-03-19T07:00:00.000Z',
        suspendedAt: '2026-03-29T07:00:00.000Z',
      },
    });
    expect(await billing.collections.access(customer.id)).toEqual({
      state: 'suspended',
      reason: 'non_payment',
      since: '2026-03-29T07:00:00.000Z',
      invoiceIds: [id],
      subscriptionIds: [subscription.id],
    });

    f.clock.set('2026-03-30T10:00:00Z');
    await billing.payments.record({
      customerId: customer.id,
      amount: '1093.97',
      currency: 'EUR',
      method: 'bank_transfer',
    });
    const paid = await listAll((page) => billing.invoices.list({ customerId: customer.id, ...page }));
    expect(paid.map((i) => [i.number, i.status, i.overdue])).toEqual([
      ['INV-2026-000001', 'paid', false],
      ['INV-2026-000002', 'paid', false],
      ['INV-2026-000003', 'paid', false],
    ]);
    const resumed = await billing.subscriptions.get(subscription.id);
    expect(resumed.status).toBe('active');
    expect(resumed.dunning).toBeUndefined();
    expect(await billing.collections.access(customer.id)).toEqual({
      state: 'active',
      reason: 'paid_up',
      invoiceIds: [],
      subscriptionIds: [],
    });
    // Reminders stop: nothing is left to collect.
    await f.daily('2026-04-20');
    const lastReminder = f.sent.filter((n) => n.type === 'invoice.reminder').at(-1);
    expect(lastReminder?.occurredAt).toBe('2026-03-29T07:00:00.000Z');

    const story = f.sent.map((n) => {
      const extra = 'reminderStep' in n ? ` ${n.reminderStep}` : 'amount' in n ? ` ${n.amount}` : '';
      return `${n.occurredAt.slice(0, 10)} ${n.type}${extra}`;
    });
    expect(story.filter((line) => !line.includes('invoice.paid'))).toEqual([
      '2026-03-01 invoice.finalized',
      '2026-03-12 invoice.reminder 1',
      '2026-03-15 invoice.reminder 2',
      '2026-03-19 invoice.overdue',
      '2026-03-19 subscription.past_due',
      '2026-03-22 invoice.reminder 3',
      '2026-03-22 invoice.fee_charged 3',
      '2026-03-29 invoice.reminder 4',
      '2026-03-29 subscription.suspended',
      '2026-03-29 invoice.fee_charged 4',
      '2026-03-30 payment.received',
      '2026-03-30 subscription.resumed',
    ]);
    const charged = f.sent.filter((n) => n.type === 'invoice.fee_charged');
    expect(charged.map((n) => ('amount' in n ? n.amount : ''))).toEqual(['66.83', '27.14']);
    expect(f.sent.filter((n) => n.type === 'invoice.paid')).toHaveLength(3);
    // Every notification went through the outbox and was delivered once.
    const outbox = await listAll((page) => billing.notifications.list(page));
    expect(outbox.map((entry) => entry.status).every((status) => status === 'delivered')).toBe(true);
    expect(outbox).toHaveLength(f.sent.length);
  });

  it('is idempotent: a second run at the same instant finds nothing to do', async () => {
    const f = await createCollectionsFixture();
    await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    f.clock.set('2026-03-22T07:00:00Z');
    const first = await f.billing.collections.run();
    const second = await f.billing.collections.run();
    expect(first).toMatchObject({
      invoicesCollected: 1,
      remindersSent: 1,
      invoicesOverdue: 1,
      feesCharged: 3,
      invoicesCreated: 1,
      totalsByCurrency: { EUR: '66.83' },
    });
    expect(second).toMatchObject({ invoicesCollected: 0, remindersSent: 0, feesCharged: 0, batches: 0 });
  });

  it('catches up after a gap: the latest step due is sent, the earlier ones are passed, its fee charged once', async () => {
    const f = await createCollectionsFixture();
    await f.billing.subscriptions.create({ customerId: f.customer.id, items: [{ priceId: f.fibrePriceId }] });
    // No run until 22 March: reminders 1 and 2 are passed, 3 is sent, with interest from 16 March.
    f.clock.set('2026-03-22T07:00:00Z');
    const summary = await f.billing.collections.run();
    expect(summary).toMatchObject({
      remindersSent: 1,
      invoicesOverdue: 1,
      feesByCurrency: { EUR: '66.83' },
      dunning: { past_due: 1, unpaid: 0, suspended: 0, canceled: 0 },
    });
    expect(
      f.sent.filter((n) => n.type === 'invoice.reminder').map((n) => 'reminderStep' in n && n.reminderStep),
    ).toEqual([3]);
  });

  it('refuses a run beyond the horizon, and reports an invoice whose customer names a policy the config lost', async () => {
    const f = await createCollectionsFixture();
    const error = await rejection(f.billing.collections.run({ now: '2026-06-01T00:00:00Z' }));
    expect(error).toMatchObject({ code: 'invalid_input', path: ['options', 'now'] });
    await expect(
      f.billing.customers.create({ name: 'B', email: 'b@example.com', currency: 'EUR', collectionsPolicy: 'vip' }),
    ).rejects.toMatchObject({ code: 'invalid_input', path: ['input', 'collectionsPolicy'] });
    // Written past the engine, as a config change would leave it: the name is gone.
    await f.storage.customers.update({ ...f.customer, collectionsPolicy: 'gone', version: f.customer.version + 1 });
    const invoice = await f.billing.invoices.createOneOff({
      customerId: f.customer.id,
      lines: [{ description: 'Work', amount: '10.00' }],
      autoFinalize: true,
    });
    f.clock.set('2026-03-20T07:00:00Z');
    const summary = await f.billing.collections.run();
    expect(summary.errors).toEqual([
      {
        invoiceId: invoice.id,
        step: 'plan',
        code: 'invalid_state',
        message: 'No collections policy named "gone" in the engine\'s config (collectionsPolicies)',
      },
    ]);
    expect((await f.billing.invoices.get(invoice.id)).remindersSent).toBe(0);
  });
});
