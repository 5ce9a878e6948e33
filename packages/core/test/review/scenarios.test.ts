import { describe, expect, it } from 'vitest';
import { allInvoices, allLedger, customer, recurringPrice, rejection, world } from './helpers';

const VAT19 = { name: 'VAT 19%', percentage: '19', inclusive: false } as const;

describe('a year on a monthly plan (Berlin, Jan 31 anchor, DST, upgrade, downgrade, cancel at period end)', () => {
  it('bills every clamped month-end period once, prorates both changes by the second and stops at the end', async () => {
    // 2026-01-31 00:00 in Berlin (CET, +01:00) = 2026-01-30T23:00Z.
    const { billing, clock } = world('2026-01-30T23:00:00Z');
    const vat = await billing.catalog.taxRates.create({ id: 'vat19', ...VAT19 });
    const cus = await customer(billing, { timeZone: 'Europe/Berlin', taxRateIds: [vat.id] });
    const basic = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const pro = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '60.00' });
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: basic.id }],
    });
    // 30.00 + 19% = 35.70
    expect(invoices.map((i) => [i.number, i.total, i.periodStart, i.periodEnd])).toEqual([
      ['INV-2026-000001', '35.70', '2026-01-30T23:00:00.000Z', '2026-02-27T23:00:00.000Z'],
    ]);
    // Local midnights of each month end, clamped and back to 31 (Mar 29 and Oct 25 are the DST changes).
    const boundaries = [
      '2026-02-27T23:00:00.000Z', // Feb 28 CET
      '2026-03-30T22:00:00.000Z', // Mar 31 CEST
      '2026-04-29T22:00:00.000Z', // Apr 30
      '2026-05-30T22:00:00.000Z', // May 31
      '2026-06-29T22:00:00.000Z', // Jun 30
      '2026-07-30T22:00:00.000Z', // Jul 31
      '2026-08-30T22:00:00.000Z', // Aug 31
      '2026-09-29T22:00:00.000Z', // Sep 30
      '2026-10-30T23:00:00.000Z', // Oct 31 CET
      '2026-11-29T23:00:00.000Z', // Nov 30
    ];
    for (const [index, boundary] of boundaries.entries()) {
      clock.set(boundary);
      const summary = await billing.runCycle();
      expect(summary.errors).toEqual([]);
      // Nov 30 ends the subscription (canceled at period end): nothing is charged then.
      expect(summary.invoicesCreated).toBe(index === boundaries.length - 1 ? 0 : 1);
      // A second run at the same instant finds nothing due.
      expect((await billing.runCycle()).invoicesCreated).toBe(0);
      if (boundary === '2026-03-30T22:00:00.000Z') {
        // Apr 10 00:00 CEST: 20 of the 30 days of [Mar 31, Apr 30) are left.
        clock.set('2026-04-09T22:00:00Z');
        await billing.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: pro.id }] });
      }
      if (boundary === '2026-06-29T22:00:00.000Z') {
        // Jul 10 00:00 CEST: 21 of the 31 days of [Jun 30, Jul 31) are left.
        clock.set('2026-07-09T22:00:00Z');
        await billing.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: basic.id }] });
      }
      if (boundary === '2026-10-30T23:00:00.000Z') {
        clock.set('2026-11-15T10:00:00Z');
        await billing.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true });
      }
    }
    const all = await allInvoices(billing, cus.id);
    expect(all.map((i) => i.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`),
    );
    expect(all.map((i) => i.periodStart)).toEqual(['2026-01-30T23:00:00.000Z', ...boundaries.slice(0, 9)]);
    expect(all.map((i) => i.periodEnd)).toEqual(boundaries);
    // Apr 30: 60.00 + (−30 × 20/30 = −20.00) + (60 × 20/30 = 40.00) = 80.00; tax 11.40 + 7.60 − 3.80 = 15.20.
    // Jul 31: 30.00 + (−60 × 21/31 = −40.645… → −40.65) + (30 × 21/31 = 20.322… → 20.32) = 9.67;
    //         tax 5.70 + 3.86 (20.32 × 19% = 3.8608) − 7.72 (40.65 × 19% = 7.7235) = 1.84 → 11.51.
    expect(all.map((i) => i.total)).toEqual([
      '35.70',
      '35.70',
      '35.70',
      '95.20',
      '71.40',
      '71.40',
      '11.51',
      '35.70',
      '35.70',
      '35.70',
    ]);
    const july = all[6];
    expect(july?.lines.map((l) => [l.kind, l.amount, l.taxes[0]?.amount])).toEqual([
      ['subscription', '30.00', '5.70'],
      ['proration', '-40.65', '-7.72'],
      ['proration', '20.32', '3.86'],
    ]);
    const sub = await billing.subscriptions.get(subscription.id);
    expect(sub.status).toBe('canceled');
    expect(sub.endedAt).toBe('2026-11-29T23:00:00.000Z');
    expect(sub.nextBillingAt).toBeUndefined();
    clock.set('2027-03-01T00:00:00Z');
    expect((await billing.runCycle()).invoicesCreated).toBe(0);
  });
});

describe('usage billed in arrears, one meter per aggregation', () => {
  it('rates sum/graduated, count/per_unit, max/volume, unique_count/package and last/per_unit over [start, boundary)', async () => {
    const { billing, clock } = world('2026-03-01T00:00:00Z');
    const cus = await customer(billing);
    const meter = (aggregation: 'sum' | 'count' | 'max' | 'unique_count' | 'last', property?: string) =>
      billing.catalog.meters.create({
        name: `m-${aggregation}`,
        eventName: `e-${aggregation}`,
        aggregation,
        ...(property !== undefined ? { property } : {}),
      });
    const [sum, count, max, unique, last] = [
      await meter('sum', 'gb'),
      await meter('count'),
      await meter('max', 'seats'),
      await meter('unique_count', 'user'),
      await meter('last', 'tb'),
    ];
    const metered = (meterId: string, spec: Parameters<typeof recurringPrice>[1]) =>
      recurringPrice(billing, spec, { timing: 'in_arrears', meterId });
    const prices = [
      await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '10.00' }),
      await metered(sum.id, {
        model: 'graduated',
        currency: 'EUR',
        tiers: [
          { upTo: '10', unitAmount: '0' },
          { upTo: null, unitAmount: '0.50', flatAmount: '2' },
        ],
      }),
      await metered(count.id, { model: 'per_unit', currency: 'EUR', unitAmount: '0.10' }),
      await metered(max.id, {
        model: 'volume',
        currency: 'EUR',
        tiers: [
          { upTo: '5', unitAmount: '10' },
          { upTo: null, unitAmount: '8' },
        ],
      }),
      await metered(unique.id, {
        model: 'package',
        currency: 'EUR',
        packageAmount: '5',
        packageSize: '2',
        round: 'up',
      }),
      await metered(last.id, { model: 'per_unit', currency: 'EUR', unitAmount: '0.25' }),
    ];
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: cus.id,
      items: prices.map((p) => ({ priceId: p.id })),
    });
    // The first invoice charges only the licensed price in advance.
    expect(invoices[0]?.lines.map((l) => [l.kind, l.amount])).toEqual([['subscription', '10.00']]);
    let n = 0;
    const ev = (eventName: string, timestamp: string, properties: Record<string, string> = {}) => ({
      id: `evt-${++n}`,
      customerId: cus.id,
      eventName,
      timestamp,
      properties,
    });
    const batch = [
      ev('e-sum', '2026-03-01T00:00:00Z', { gb: '4' }), // the period start is inside
      ev('e-sum', '2026-03-10T00:00:00Z', { gb: '7.5' }),
      ev('e-sum', '2026-03-31T23:59:59Z', { gb: '3' }),
      ev('e-sum', '2026-04-01T00:00:00Z', { gb: '100' }), // the boundary belongs to April
      ...Array.from({ length: 5 }, (_, i) => ev('e-count', `2026-03-0${i + 2}T12:00:00Z`)),
      ev('e-max', '2026-03-03T00:00:00Z', { seats: '3' }),
      ev('e-max', '2026-03-04T00:00:00Z', { seats: '8' }),
      ev('e-max', '2026-03-05T00:00:00Z', { seats: '5' }),
      ev('e-unique_count', '2026-03-03T00:00:00Z', { user: 'a' }),
      ev('e-unique_count', '2026-03-04T00:00:00Z', { user: 'b' }),
      ev('e-unique_count', '2026-03-05T00:00:00Z', { user: 'a' }),
      ev('e-unique_count', '2026-03-06T00:00:00Z', { user: 'c' }),
      ev('e-last', '2026-03-05T00:00:00Z', { tb: '10' }),
      ev('e-last', '2026-03-20T00:00:00Z', { tb: '20' }),
      ev('e-last', '2026-03-10T00:00:00Z', { tb: '15' }), // sent late, but not the last by time
    ];
    expect(await billing.usage.ingest(batch)).toEqual({ inserted: batch.length, duplicates: 0, duplicateEvents: [] });
    // A replay stores nothing.
    expect((await billing.usage.ingest(batch.slice(0, 2))).duplicates).toBe(2);
    clock.set('2026-04-01T00:00:00Z');
    const preview = await billing.subscriptions.preview({ subscriptionId: subscription.id });
    await billing.runCycle();
    const april = (await allInvoices(billing, cus.id))[1];
    // sum 14.5 GB: 10 × 0 + 4.5 × 0.50 + 2 = 4.25; count 5 × 0.10 = 0.50; max 8 seats in the 6+ tier: 8 × 8 = 64.00;
    // 3 unique users → 2 packages of 2 (up) × 5 = 10.00; last 20 TB × 0.25 = 5.00; plus 10.00 in advance.
    expect(april?.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ['subscription', '1', '10.00'],
      ['usage', '14.5', '4.25'],
      ['usage', '5', '0.50'],
      ['usage', '8', '64.00'],
      ['usage', '3', '10.00'], // the line shows the usage quantity; the tiers show 2 packages
      ['usage', '20', '5.00'],
    ]);
    expect(april?.total).toBe('93.75');
    expect(preview?.total).toBe('93.75');
    // The boundary's 100 GB is April's.
    const summary = await billing.usage.summary({ subscriptionId: subscription.id });
    expect(summary.meters.find((m) => m.eventName === 'e-sum')?.quantity).toBe('100');
    // Usage dated in the invoiced period is refused now.
    const late = await rejection(billing.usage.ingest([ev('e-count', '2026-03-31T00:00:00Z')]));
    expect([late.code, late.path]).toEqual(['invalid_input', ['events', 0, 'timestamp']]);
  });

  it('cancel now bills the usage up to the end on a final invoice and nothing in advance', async () => {
    const { billing, clock } = world('2026-03-01T00:00:00Z');
    const cus = await customer(billing);
    const calls = await billing.catalog.meters.create({ name: 'calls', eventName: 'call', aggregation: 'count' });
    const base = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '31.00' });
    const perCall = await recurringPrice(
      billing,
      { model: 'per_unit', currency: 'EUR', unitAmount: '1' },
      { timing: 'in_arrears', meterId: calls.id },
    );
    const { subscription } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: base.id }, { priceId: perCall.id }],
    });
    await billing.usage.ingest([
      { id: 'c1', customerId: cus.id, eventName: 'call', timestamp: '2026-03-05T00:00:00Z' },
      { id: 'c2', customerId: cus.id, eventName: 'call', timestamp: '2026-03-09T00:00:00Z' },
    ]);
    clock.set('2026-03-11T00:00:00Z');
    // 31.00 × 21/31 days unused = 21.00
    const canceled = await billing.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
      prorate: true,
    });
    expect(canceled.creditIssued).toBe('21.00');
    // Usage after the end is refused.
    const after = await rejection(
      billing.usage.ingest([{ id: 'c3', customerId: cus.id, eventName: 'call', timestamp: '2026-03-12T00:00:00Z' }]),
    );
    expect(after.code).toBe('invalid_input');
    const summary = await billing.runCycle();
    expect(summary.invoicesCreated).toBe(1);
    const final = (await allInvoices(billing, cus.id))[1];
    expect(final?.lines.map((l) => [l.kind, l.quantity, l.amount, l.periodStart, l.periodEnd])).toEqual([
      ['usage', '2', '2.00', '2026-03-01T00:00:00.000Z', '2026-03-11T00:00:00.000Z'],
    ]);
    // The 21.00 credit pays the 2.00 final invoice.
    expect([final?.creditApplied, final?.amountDue, final?.status]).toEqual(['2.00', '0.00', 'paid']);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('19.00');
    expect((await billing.subscriptions.get(subscription.id)).status).toBe('canceled');
    expect((await billing.runCycle()).invoicesCreated).toBe(0);
  });
});

describe('coupons of each duration', () => {
  it('once, repeating for 2 periods and forever discount exactly those invoices', async () => {
    const { billing, clock } = world('2026-01-01T00:00:00Z');
    const price = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '40.00' });
    const coupons = [
      await billing.catalog.coupons.create({ name: '10% once', percentOff: '10', duration: 'once' }),
      await billing.catalog.coupons.create({
        name: '5 off twice',
        amountOff: '5.00',
        currency: 'EUR',
        duration: 'repeating',
        durationPeriods: 2,
      }),
      await billing.catalog.coupons.create({ name: '25% forever', percentOff: '25', duration: 'forever' }),
      await billing.catalog.coupons.create({
        name: 'more than it costs',
        amountOff: '50',
        currency: 'EUR',
        duration: 'once',
      }),
    ];
    const customers = [];
    for (const coupon of coupons) {
      const cus = await customer(billing);
      await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: price.id }], couponId: coupon.id });
      customers.push(cus);
    }
    for (const month of ['2026-02-01', '2026-03-01', '2026-04-01']) {
      clock.set(`${month}T00:00:00Z`);
      await billing.runCycle();
    }
    const totals = [];
    for (const cus of customers) totals.push((await allInvoices(billing, cus.id)).map((i) => i.total));
    expect(totals).toEqual([
      ['36.00', '40.00', '40.00', '40.00'],
      ['35.00', '35.00', '40.00', '40.00'],
      ['30.00', '30.00', '30.00', '30.00'],
      // An amount off larger than the invoice takes it to zero, never below.
      ['0.00', '40.00', '40.00', '40.00'],
    ]);
  });

  it('proration lines carry the coupon (credit what was paid, charge what will be paid) and are not discounted again', async () => {
    const { billing, clock } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const a = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const b = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '90.00' });
    const coupon = await billing.catalog.coupons.create({ name: '50%', percentOff: '50', duration: 'forever' });
    const { subscription } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: a.id }],
      couponId: coupon.id,
    });
    clock.set('2026-04-16T00:00:00Z'); // 15 of 30 days left
    await billing.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: b.id }] });
    clock.set('2026-05-01T00:00:00Z');
    await billing.runCycle();
    const may = (await allInvoices(billing, cus.id))[1];
    // 90 − 45 (coupon) + (−(30 − 15) × 15/30 = −7.50 paid back, + (90 × 50%) × 15/30 = 22.50), not discounted again = 60.00
    expect(may?.lines.map((l) => [l.amount, l.discountAmount])).toEqual([
      ['90.00', '45.00'],
      ['-7.50', '0.00'],
      ['22.50', '0.00'],
    ]);
    expect([may?.discountTotal, may?.total]).toEqual(['45.00', '60.00']);
  });
});

describe('trials', () => {
  it('charges nothing during a 14-day trial, not even its usage, and anchors the periods at its end', async () => {
    const { billing, clock } = world('2026-01-10T09:00:00Z');
    const cus = await customer(billing);
    const calls = await billing.catalog.meters.create({ name: 'calls', eventName: 'call', aggregation: 'count' });
    const base = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '20.00' });
    const perCall = await recurringPrice(
      billing,
      { model: 'per_unit', currency: 'EUR', unitAmount: '1' },
      { timing: 'in_arrears', meterId: calls.id },
    );
    const created = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: base.id }, { priceId: perCall.id }],
      trialDays: 14,
    });
    expect(created.invoices).toEqual([]);
    expect(created.subscription.status).toBe('trialing');
    expect(created.subscription.trialEnd).toBe('2026-01-24T09:00:00.000Z');
    const call = (id: string, timestamp: string) => ({ id, customerId: cus.id, eventName: 'call', timestamp });
    await billing.usage.ingest([call('t1', '2026-01-11T00:00:00Z'), call('t2', '2026-01-20T00:00:00Z')]);
    clock.set('2026-01-24T09:00:00Z');
    await billing.runCycle();
    await billing.usage.ingest([call('p1', '2026-01-25T00:00:00Z'), call('p2', '2026-02-01T00:00:00Z')]);
    clock.set('2026-02-24T09:00:00Z');
    await billing.runCycle();
    const all = await allInvoices(billing, cus.id);
    expect(all.map((i) => [i.billingReason, i.periodStart, i.total])).toEqual([
      // The start (a trial) charged nothing, so the first invoice is the cycle at the trial end.
      ['subscription_cycle', '2026-01-24T09:00:00.000Z', '20.00'],
      ['subscription_cycle', '2026-02-24T09:00:00.000Z', '22.00'],
    ]);
    expect((await billing.subscriptions.get(created.subscription.id)).status).toBe('active');
  });

  it('a change during the trial prorates nothing', async () => {
    const { billing, clock } = world('2026-01-10T09:00:00Z');
    const cus = await customer(billing);
    const a = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '20.00' });
    const b = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '50.00' });
    const created = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: a.id }],
      trialDays: 7,
    });
    clock.set('2026-01-12T00:00:00Z');
    const changed = await billing.subscriptions.change({
      subscriptionId: created.subscription.id,
      items: [{ priceId: b.id }],
      prorate: 'immediate',
    });
    expect(changed.invoices).toEqual([]);
    expect(changed.subscription.pendingLines).toEqual([]);
    clock.set('2026-01-17T09:00:00Z');
    await billing.runCycle();
    expect((await allInvoices(billing, cus.id)).map((i) => i.total)).toEqual(['50.00']);
  });
});

describe('cancel now with proration', () => {
  it('credits the unused share of what was charged (after discount, with tax)', async () => {
    const { billing, clock } = world('2026-04-01T00:00:00Z');
    const vat = await billing.catalog.taxRates.create(VAT19);
    const cus = await customer(billing, { taxRateIds: [vat.id] });
    const price = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const coupon = await billing.catalog.coupons.create({ name: '10%', percentOff: '10', duration: 'forever' });
    const { subscription, invoices } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: price.id }],
      couponId: coupon.id,
    });
    // 30.00 − 3.00 = 27.00 + 5.13 VAT = 32.13
    expect(invoices[0]?.total).toBe('32.13');
    clock.set('2026-04-21T00:00:00Z');
    const result = await billing.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
      prorate: true,
    });
    // 32.13 × 10/30 = 10.71
    expect(result.creditIssued).toBe('10.71');
    expect(result.subscription.status).toBe('canceled');
    expect((await billing.runCycle()).invoicesCreated).toBe(0);
    const next = await billing.invoices.createOneOff({
      customerId: cus.id,
      lines: [{ description: 'Install', amount: '20.00' }],
      autoFinalize: true,
    });
    // 20.00 + 3.80 = 23.80 − 10.71 credit = 13.09
    expect([next.total, next.creditApplied, next.amountDue]).toEqual(['23.80', '10.71', '13.09']);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('0.00');
    const again = await rejection(billing.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: true }));
    expect([again.code, again.path]).toEqual(['invalid_state', ['input', 'subscriptionId']]);
  });

  it('an immediate downgrade gives the net credit to the balance, and the next cycle charges the new plan', async () => {
    const { billing, clock } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const big = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '90.00' });
    const small = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const { subscription } = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: big.id }] });
    clock.set('2026-04-11T00:00:00Z'); // 20 of 30 days left
    const changed = await billing.subscriptions.change({
      subscriptionId: subscription.id,
      items: [{ priceId: small.id }],
      prorate: 'immediate',
    });
    // −90 × 20/30 = −60.00, +30 × 20/30 = 20.00: total −40.00, given as credit.
    const update = changed.invoices[0];
    expect([update?.billingReason, update?.total, update?.creditApplied, update?.amountDue, update?.status]).toEqual([
      'subscription_update',
      '-40.00',
      '-40.00',
      '0.00',
      'paid',
    ]);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('40.00');
    clock.set('2026-05-01T00:00:00Z');
    await billing.runCycle();
    const may = (await allInvoices(billing, cus.id))[2];
    expect([may?.total, may?.creditApplied, may?.amountDue]).toEqual(['30.00', '30.00', '0.00']);
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('10.00');
  });

  it('a downgrade prorated on the next invoice, then cancel now with proration: the customer pays exactly the time used', async () => {
    const { billing, clock } = world('2026-04-01T00:00:00Z');
    const cus = await customer(billing);
    const big = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '90.00' });
    const small = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
    const { subscription } = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: big.id }] });
    clock.set('2026-04-11T00:00:00Z'); // 20 of 30 days left: pending −60.00 and +20.00
    await billing.subscriptions.change({ subscriptionId: subscription.id, items: [{ priceId: small.id }] });
    clock.set('2026-04-21T00:00:00Z'); // 10 days left
    const result = await billing.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: false,
      prorate: true,
    });
    // 90.00 × 10/30 of the first invoice
    expect(result.creditIssued).toBe('30.00');
    await billing.runCycle();
    const final = (await allInvoices(billing, cus.id))[1];
    // The pending lines are cut back to the end: −60.00 + 20.00 + 30.00 (half of −60 reversed) − 10.00 = −20.00
    expect(final?.lines.map((l) => l.amount)).toEqual(['-60.00', '20.00', '30.00', '-10.00']);
    expect(final?.total).toBe('-20.00');
    // Paid 90.00; used 10 days at 90 (30.00) and 10 days at 30 (10.00) = 40.00: 50.00 comes back.
    expect((await billing.balance.get(cus.id, 'EUR')).amount).toBe('50.00');
    expect((await allLedger(billing, cus.id)).map((e) => [e.type, e.amount])).toEqual([
      ['proration', '30.00'],
      ['proration', '20.00'],
    ]);
  });
});
