import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Billing, type Invoice, isBillingError } from '../../src/index';
import {
  allCreditNotes,
  allInvoices,
  allLedger,
  allPayments,
  allRefunds,
  customer,
  frozen,
  recurringPrice,
  units,
  world,
} from './helpers';

type Op =
  | { kind: 'advance'; days: number; hours: number }
  | { kind: 'oneOff'; who: number; cents: number; finalize: boolean }
  | { kind: 'finalize'; pick: number }
  | { kind: 'pay'; who: number; cents: number }
  | { kind: 'payExplicit'; pick: number; share: number }
  | { kind: 'creditNote'; pick: number; share: number; onLine: boolean }
  | { kind: 'refund'; pick: number; share: number }
  | { kind: 'void'; pick: number }
  | { kind: 'uncollectible'; pick: number }
  | { kind: 'change'; who: number; plan: number; quantity: number; mode: 'next_invoice' | 'immediate' | 'none' }
  | { kind: 'cancel'; who: number; atPeriodEnd: boolean; prorate: boolean }
  | { kind: 'usage'; who: number; n: number }
  | { kind: 'updateCustomer'; who: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      days: fc.integer({ min: 0, max: 40 }),
      hours: fc.integer({ min: 0, max: 23 }),
    }),
    weight: 4,
  },
  fc.record({
    kind: fc.constant('oneOff' as const),
    who: fc.nat(1),
    cents: fc.integer({ min: 0, max: 50_000 }),
    finalize: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('finalize' as const), pick: fc.nat() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      who: fc.nat(1),
      cents: fc.integer({ min: 1, max: 30_000 }),
    }),
    weight: 2,
  },
  fc.record({
    kind: fc.constant('payExplicit' as const),
    pick: fc.nat(),
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
  }),
  {
    arbitrary: fc.record({
      kind: fc.constant('creditNote' as const),
      pick: fc.nat(),
      share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      onLine: fc.boolean(),
    }),
    weight: 2,
  },
  fc.record({
    kind: fc.constant('refund' as const),
    pick: fc.nat(),
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('uncollectible' as const), pick: fc.nat() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      who: fc.nat(1),
      plan: fc.nat(2),
      quantity: fc.integer({ min: 1, max: 4 }),
      mode: fc.constantFrom('next_invoice' as const, 'immediate' as const, 'none' as const),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(1), atPeriodEnd: fc.boolean(), prorate: fc.boolean() }),
  fc.record({ kind: fc.constant('usage' as const), who: fc.nat(1), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('updateCustomer' as const), who: fc.nat(1) }),
);

/** The smaller of two bigints (Math.min takes numbers only). */
const smaller = (a: bigint, b: bigint) => (a < b ? a : b);
const scaleOf = (currency: string) => (currency === 'JPY' ? 0 : 2);
const fmt = (value: bigint, scale: number) => {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};
const shareOf = (amount: string, share: number, scale: number) => {
  const whole = units(amount, scale);
  const part = (whole * BigInt(Math.round(share * 1000))) / 1000n;
  return part > 0n ? part : whole > 0n ? 1n : 0n;
};

async function build() {
  const w = world('2026-01-31T08:00:00Z', { cashRounding: { CHF: '0.05' } });
  const { billing } = w;
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const mwst = await billing.catalog.taxRates.create({ name: 'MWST 8.1%', percentage: '8.1', inclusive: true });
  const customers = [
    await customer(billing, { timeZone: 'Europe/Berlin', taxRateIds: [vat.id] }),
    await customer(billing, {
      name: 'Bea',
      email: 'bea@example.ch',
      currency: 'CHF',
      timeZone: 'America/New_York',
      taxRateIds: [mwst.id],
    }),
  ];
  const meter = await billing.catalog.meters.create({
    name: 'calls',
    eventName: 'call',
    aggregation: 'sum',
    property: 'n',
  });
  const plans: Record<string, { id: string }[]> = { EUR: [], CHF: [] };
  const metered: Record<string, { id: string }> = {};
  for (const [currency, amounts] of [
    ['EUR', ['30.00', '55.55', '9.99']],
    ['CHF', ['19.95', '49.00', '7.33']],
  ] as const) {
    for (const amount of amounts)
      plans[currency]?.push(await recurringPrice(billing, { model: 'flat', currency, amount }));
    metered[currency] = await recurringPrice(
      billing,
      { model: 'per_unit', currency, unitAmount: '0.013' },
      { timing: 'in_arrears', meterId: meter.id },
    );
  }
  const coupon = await billing.catalog.coupons.create({
    name: '15% x3',
    percentOff: '15',
    duration: 'repeating',
    durationPeriods: 3,
  });
  const subscriptions = [];
  for (const [i, cus] of customers.entries()) {
    const { subscription } = await billing.subscriptions.create({
      customerId: cus.id,
      items: [{ priceId: plans[cus.currency]?.[0]?.id as string }, { priceId: metered[cus.currency]?.id as string }],
      ...(i === 1 ? { couponId: coupon.id } : {}),
    });
    subscriptions.push(subscription.id);
  }
  return { ...w, customers, plans, metered, subscriptions };
}

type World = Awaited<ReturnType<typeof build>>;

async function apply(w: World, step: Op, events: { n: number }): Promise<void> {
  const { billing, clock, customers } = w;
  const invoices = await allInvoices(billing);
  const pick = <T>(list: readonly T[], index: number) => (list.length === 0 ? undefined : list[index % list.length]);
  switch (step.kind) {
    case 'advance': {
      clock.advance({ days: step.days, hours: step.hours });
      const first = await billing.runCycle();
      expect(first.errors).toEqual([]);
      const second = await billing.runCycle();
      expect(second.invoicesCreated).toBe(0);
      return;
    }
    case 'oneOff': {
      const cus = customers[step.who] as (typeof customers)[number];
      const scale = scaleOf(cus.currency);
      await billing.invoices.createOneOff({
        customerId: cus.id,
        lines: [{ description: 'Work', amount: fmt(BigInt(step.cents), scale) }],
        autoFinalize: step.finalize,
      });
      return;
    }
    case 'finalize': {
      const draft = pick(
        invoices.filter((i) => i.status === 'draft'),
        step.pick,
      );
      if (draft) await billing.invoices.finalize(draft.id);
      return;
    }
    case 'pay': {
      const cus = customers[step.who] as (typeof customers)[number];
      await billing.payments.record({
        customerId: cus.id,
        amount: fmt(BigInt(step.cents), 2),
        currency: cus.currency,
        method: 'cash',
      });
      return;
    }
    case 'payExplicit': {
      const target = pick(
        invoices.filter((i) => (i.status === 'open' || i.status === 'uncollectible') && units(i.amountRemaining) > 0n),
        step.pick,
      );
      if (!target) return;
      const amount = fmt(shareOf(target.amountRemaining, step.share, 2), 2);
      await billing.payments.record({
        customerId: target.customerId,
        amount,
        currency: target.currency,
        method: 'bank_transfer',
        allocations: [{ invoiceId: target.id, amount }],
      });
      return;
    }
    case 'creditNote': {
      const target = pick(
        invoices.filter((i) => i.status === 'open' || i.status === 'paid' || i.status === 'uncollectible'),
        step.pick,
      );
      if (!target) return;
      const notes = (await allCreditNotes(billing)).filter((n) => n.invoiceId === target.id);
      const holds = units(target.total) - notes.reduce((s, n) => s + units(n.total), 0n);
      if (holds <= 0n) return;
      if (step.onLine) {
        const line = target.lines.find((l) => units(l.taxableAmount) > 0n);
        if (!line) return;
        const gross = units(line.taxableAmount) + line.taxes.reduce((s, t) => s + units(t.amount), 0n);
        const before = notes
          .flatMap((n) => n.lines)
          .filter((l) => l.invoiceLineId === line.id)
          .reduce((s, l) => s + units(l.amount) + l.taxes.reduce((t, x) => t + units(x.amount), 0n), 0n);
        const left = smaller(gross - before, holds);
        if (left <= 0n) return;
        const amount = fmt(shareOf(fmt(left, 2), step.share, 2), 2);
        await billing.creditNotes.create({
          invoiceId: target.id,
          lines: [{ invoiceLineId: line.id, description: 'Line credit', amount }],
          reason: 'other',
        });
      } else {
        const amount = fmt(shareOf(fmt(holds, 2), step.share, 2), 2);
        await billing.creditNotes.create({ invoiceId: target.id, amount, reason: 'other' });
      }
      return;
    }
    case 'refund': {
      const payment = pick(
        (await allPayments(billing)).filter((p) => p.status !== 'refunded'),
        step.pick,
      );
      if (!payment) return;
      const left = fmt(units(payment.amount) - units(payment.amountRefunded), 2);
      await expectOnly(['invalid_state'], () =>
        billing.payments.refund({ paymentId: payment.id, amount: fmt(shareOf(left, step.share, 2), 2) }),
      );
      return;
    }
    case 'void': {
      const target = pick(
        invoices.filter((i) => i.status === 'open' && units(i.amountPaid) === 0n && units(i.amountCredited) === 0n),
        step.pick,
      );
      if (target) await billing.invoices.void(target.id);
      return;
    }
    case 'uncollectible': {
      const target = pick(
        invoices.filter((i) => i.status === 'open'),
        step.pick,
      );
      if (target) await billing.invoices.markUncollectible(target.id);
      return;
    }
    case 'change': {
      const cus = customers[step.who] as (typeof customers)[number];
      const subscriptionId = w.subscriptions[step.who] as string;
      const plan = w.plans[cus.currency]?.[step.plan] as { id: string };
      await expectOnly(['invalid_state'], () =>
        billing.subscriptions.change({
          subscriptionId,
          items: [
            { priceId: plan.id, quantity: String(step.quantity) },
            { priceId: w.metered[cus.currency]?.id as string },
          ],
          prorate: step.mode,
        }),
      );
      return;
    }
    case 'cancel': {
      const subscriptionId = w.subscriptions[step.who] as string;
      // Ending at the very instant the period started is allowed too: its final invoice is a subscription_update.
      await expectOnly(['invalid_state'], () =>
        billing.subscriptions.cancel({ subscriptionId, atPeriodEnd: step.atPeriodEnd, prorate: step.prorate }),
      );
      return;
    }
    case 'usage': {
      const cus = customers[step.who] as (typeof customers)[number];
      await expectOnly(['invalid_input'], () =>
        billing.usage.ingest(
          Array.from({ length: step.n }, () => ({
            id: `evt-${++events.n}`,
            customerId: cus.id,
            subscriptionId: w.subscriptions[step.who] as string,
            eventName: 'call',
            properties: { n: String(events.n * 7) },
          })),
        ),
      );
      return;
    }
    case 'updateCustomer': {
      const cus = customers[step.who] as (typeof customers)[number];
      await billing.customers.update(cus.id, { name: `Renamed ${events.n++}` });
      return;
    }
  }
}

/** Runs `call`; a BillingError with one of `codes` is an allowed refusal (the state made the call invalid). */
async function expectOnly(codes: string[], call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!isBillingError(error) || !codes.includes(error.code)) throw error;
  }
}

async function checkInvariants(billing: Billing, w: World, seen: Map<string, ReturnType<typeof frozen>>) {
  const invoices = await allInvoices(billing);
  const notes = await allCreditNotes(billing);
  const payments = await allPayments(billing);
  const refunds = await allRefunds(billing);
  const sequences = new Map<string, number[]>();
  const periods = new Set<string>();
  for (const inv of invoices) {
    const u = (amount: string) => units(amount, scaleOf(inv.currency));
    const where = `${inv.id} ${inv.status}`;
    // Lines sum to the subtotal and discounts; taxes per rate sum over lines.
    expect(
      inv.lines.reduce((s, l) => s + u(l.amount), 0n),
      where,
    ).toBe(u(inv.subtotal));
    expect(
      inv.lines.reduce((s, l) => s + u(l.discountAmount), 0n),
      where,
    ).toBe(u(inv.discountTotal));
    for (const tax of inv.taxes) {
      const perLine = inv.lines.flatMap((l) => l.taxes).filter((t) => t.rateId === tax.rateId);
      expect(
        perLine.reduce((s, t) => s + u(t.amount), 0n),
        where,
      ).toBe(u(tax.amount));
    }
    expect(
      inv.taxes.reduce((s, t) => s + u(t.amount), 0n),
      where,
    ).toBe(u(inv.taxTotal));
    const exclusive = inv.taxes
      .filter((t) => inv.taxRates.find((r) => r.id === t.rateId)?.inclusive === false)
      .reduce((s, t) => s + u(t.amount), 0n);
    expect(u(inv.subtotal) - u(inv.discountTotal) + exclusive + u(inv.roundingAmount), where).toBe(u(inv.total));
    // amountDue = total − creditApplied, never negative.
    expect(u(inv.amountDue), where).toBeGreaterThanOrEqual(0n);
    if (u(inv.total) >= 0n) expect(u(inv.total) - u(inv.creditApplied), where).toBe(u(inv.amountDue));
    else expect([u(inv.creditApplied), u(inv.amountDue)], where).toEqual([u(inv.total), 0n]);
    // Settlement.
    if (inv.status === 'void') {
      expect([u(inv.amountRemaining), u(inv.amountPaid), u(inv.amountCredited)], where).toEqual([0n, 0n, 0n]);
    } else {
      expect(u(inv.amountPaid) + u(inv.amountCredited) + u(inv.amountRemaining), where).toBe(u(inv.amountDue));
      expect(u(inv.amountRemaining), where).toBeGreaterThanOrEqual(0n);
      expect(u(inv.amountPaid), where).toBeGreaterThanOrEqual(0n);
      if (inv.status === 'paid') expect(u(inv.amountRemaining), where).toBe(0n);
      if (inv.status === 'open') expect(u(inv.amountRemaining), where).toBeGreaterThan(0n);
    }
    if (inv.status === 'draft') {
      expect(inv.number, where).toBeUndefined();
      continue;
    }
    // Numbers: collected per sequence, checked gapless below.
    const [, seq, num] = /^(.*)-(\d{6})$/.exec(inv.number ?? '') ?? [];
    expect(seq, where).toBe(inv.sequence);
    sequences.set(inv.sequence, [...(sequences.get(inv.sequence) ?? []), Number(num)]);
    // Each subscription period is invoiced at most once.
    if (inv.billingReason === 'subscription_create' || inv.billingReason === 'subscription_cycle') {
      const key = `${inv.subscriptionId}|${inv.periodStart}`;
      expect(periods.has(key), `period invoiced twice: ${key}`).toBe(false);
      periods.add(key);
    }
    // Never edited after finalization.
    const snapshot = frozen(inv);
    const first = seen.get(inv.id);
    if (first === undefined) seen.set(inv.id, snapshot);
    else expect(snapshot, where).toEqual(first);
    // Credit notes: no more than the total; the invoice shows as credited what they applied, plus surplus a refund
    // took back from the balance (never more than their total).
    const own = notes.filter((n) => n.invoiceId === inv.id);
    const ceiling = u(inv.total) > 0n ? u(inv.total) : 0n; // a negative (credit) invoice takes no credit note
    const noted = own.reduce((s, n) => s + u(n.total), 0n);
    expect(noted, where).toBeLessThanOrEqual(ceiling);
    const applied = own.reduce((s, n) => s + u(n.appliedToInvoice), 0n);
    expect(u(inv.amountCredited), where).toBeGreaterThanOrEqual(applied);
    expect(u(inv.amountCredited), where).toBeLessThanOrEqual(noted);
    // What payments allocated is what the invoice shows as paid.
    const allocated = payments.flatMap((p) => p.allocations).filter((a) => a.invoiceId === inv.id);
    expect(
      allocated.reduce((s, a) => s + u(a.amount), 0n),
      where,
    ).toBe(u(inv.amountPaid));
  }
  for (const [sequence, numbers] of sequences) {
    expect(
      numbers.sort((a, b) => a - b),
      sequence,
    ).toEqual(numbers.map((_, i) => i + 1));
  }
  const noteNumbers = notes.map((n) => Number(n.number.slice(-6))).sort((a, b) => a - b);
  expect(noteNumbers).toEqual(noteNumbers.map((_, i) => i + 1));
  for (const note of notes) {
    const scale = scaleOf(note.currency);
    const lineSum = note.lines.reduce((s, l) => s + units(l.amount, scale), 0n);
    const taxSum = note.lines.reduce((s, l) => s + l.taxes.reduce((t, x) => t + units(x.amount, scale), 0n), 0n);
    expect([lineSum, taxSum, lineSum + taxSum]).toEqual([
      units(note.subtotal, scale),
      units(note.taxTotal, scale),
      units(note.total, scale),
    ]);
    expect(units(note.appliedToInvoice) + units(note.creditedToBalance)).toBe(units(note.total));
  }
  // Money in = money allocated + credit, per payment.
  for (const p of payments) {
    const own = refunds.filter((r) => r.paymentId === p.id).reduce((s, r) => s + units(r.amount), 0n);
    expect(own, p.id).toBe(units(p.amountRefunded));
    expect(units(p.amount) - units(p.amountRefunded), p.id).toBe(
      p.allocations.reduce((s, a) => s + units(a.amount), 0n) + units(p.unapplied),
    );
    expect(units(p.unapplied), p.id).toBeGreaterThanOrEqual(0n);
  }
  // The balance is the ledger's sum, never negative, and agrees with the documents.
  for (const cus of w.customers) {
    const ledger = await allLedger(billing, cus.id);
    const mine = ledger.filter((e) => e.currency === cus.currency);
    const sum = mine.reduce((s, e) => s + units(e.amount), 0n);
    const balance = units((await billing.balance.get(cus.id, cus.currency)).amount);
    expect(balance).toBe(sum);
    expect(balance).toBeGreaterThanOrEqual(0n);
    const unapplied = payments.filter((p) => p.customerId === cus.id).reduce((s, p) => s + units(p.unapplied), 0n);
    const surplus = notes.filter((n) => n.customerId === cus.id).reduce((s, n) => s + units(n.creditedToBalance), 0n);
    const proration = mine.filter((e) => e.type === 'proration').reduce((s, e) => s + units(e.amount), 0n);
    // Credit-note surplus a refund took back to settle its invoice again.
    const retaken = invoices
      .filter((i) => i.customerId === cus.id)
      .reduce(
        (s, i) =>
          s +
          units(i.amountCredited) -
          notes.filter((n) => n.invoiceId === i.id).reduce((t, n) => t + units(n.appliedToInvoice), 0n),
        0n,
      );
    const applied = invoices
      .filter(
        (i: Invoice) =>
          i.customerId === cus.id && i.status !== 'void' && i.status !== 'draft' && units(i.creditApplied) > 0n,
      )
      .reduce((s, i) => s + units(i.creditApplied), 0n);
    expect(balance, `balance of ${cus.currency}`).toBe(unapplied + surplus - retaken + proration - applied);
  }
}

describe('global invariants over random sequences of engine operations', () => {
  it('hold after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (steps) => {
        const w = await build();
        const seen = new Map<string, ReturnType<typeof frozen>>();
        const events = { n: 0 };
        await checkInvariants(w.billing, w, seen);
        for (const step of steps) {
          await apply(w, step, events);
          await checkInvariants(w.billing, w, seen);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
