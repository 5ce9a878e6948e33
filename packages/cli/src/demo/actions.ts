import { type Billing, type Invoice, type Money, money, type TestClock, listAll } from '@billfold/core';
import { localMidnight } from './local-time';
import type { DemoAction, MonthWindow } from './month-plan';
import type { MonthTally } from './month-tally';
import type { DemoRandom } from './random';
import type { DemoCatalog } from './seed-catalog';
import type { DemoCustomer } from './seed-customers';

/** Where a customer's story stands while the scenario plays. */
export interface CustomerState {
  subscriptionId?: string;
  subscribedAt?: string;
  plan: number;
  staticIp: boolean;
  setupInvoiceId?: string;
  /** Cancelled (now or at period end): no more changes. */
  cancelled: boolean;
  /** When the subscription ends or ended; usage after it is not sent. */
  endsAt?: string;
  /** Paused (restart billing) from this instant until `resumesAt`: no usage is sent in between. */
  pausedAt?: string;
  resumesAt?: string;
}

/** Everything an action needs. */
export interface ActionContext {
  readonly billing: Billing;
  readonly clock: TestClock;
  readonly catalog: DemoCatalog;
  readonly random: DemoRandom;
  readonly customers: readonly DemoCustomer[];
  readonly states: ReadonlyMap<number, CustomerState>;
  readonly window: MonthWindow;
  readonly tally: MonthTally;
}

const HOUR = 3_600_000;

function stateOf(ctx: ActionContext, customer: DemoCustomer): CustomerState {
  const state = ctx.states.get(customer.index);
  if (state === undefined) throw new Error(`no state for customer ${customer.index}`);
  return state;
}

/** The subscription items for a plan, with the data meter, the static IP and the magazine when taken. */
function itemsFor(ctx: ActionContext, customer: DemoCustomer, plan: number, staticIp: boolean) {
  const { catalog } = ctx;
  const currency = customer.currency;
  const planPrice = catalog.plans[plan]?.prices[currency];
  if (planPrice === undefined) throw new Error(`no plan ${plan}`);
  return [
    { priceId: planPrice.id },
    { priceId: catalog.data[currency].id },
    ...(staticIp ? [{ priceId: catalog.staticIp[currency].id }] : []),
    ...(customer.magazine ? [{ priceId: catalog.magazine.id }] : []),
  ];
}

/** The customer's invoices (or only the open ones), oldest first. */
function invoicesOf(billing: Billing, customerId: string, status?: 'open'): Promise<Invoice[]> {
  return listAll((page) => billing.invoices.list({ ...page, customerId, ...(status ? { status } : {}) }));
}

async function subscribe(ctx: ActionContext, customer: DemoCustomer): Promise<void> {
  const { billing, window, tally } = ctx;
  const state = stateOf(ctx, customer);
  const anchor = localMidnight(window.year, window.month, 1, customer.customer.timeZone);
  const { subscription, invoices } = await billing.subscriptions.create({
    customerId: customer.customer.id,
    items: itemsFor(ctx, customer, customer.plan, customer.staticIp),
    anchor,
    ...(customer.existing ? { startAt: anchor } : {}),
    ...(customer.coupon ? { couponId: ctx.catalog.coupon.id } : {}),
    // New customers get a router, charged once on their first invoice.
    ...(customer.existing ? {} : { oneTimeItems: [{ priceId: ctx.catalog.router[customer.currency].id }] }),
    idempotencyKey: `demo-subscribe-${customer.index}`,
  });
  state.subscriptionId = subscription.id;
  state.subscribedAt = ctx.clock.now().toISOString();
  tally.signups += 1;
  tally.addInvoices(invoices);
  if (customer.existing) return;
  const setup = await billing.invoices.createOneOff({
    customerId: customer.customer.id,
    lines: [{ description: 'Installation and router setup', priceId: ctx.catalog.setup[customer.currency].id }],
    autoFinalize: true,
    idempotencyKey: `demo-setup-${customer.index}`,
  });
  state.setupInvoiceId = setup.id;
  tally.addInvoices([setup]);
}

async function waiveSetup(ctx: ActionContext, customer: DemoCustomer): Promise<void> {
  const invoiceId = stateOf(ctx, customer).setupInvoiceId;
  if (invoiceId === undefined) return;
  const invoice = await ctx.billing.invoices.get(invoiceId);
  const line = invoice.lines[0];
  if (line === undefined) return;
  // The whole setup line back, tax included, so revenue reports take it off SETUP.
  const note = await ctx.billing.creditNotes.create({
    invoiceId,
    lines: [{ invoiceLineId: line.id, description: 'Setup fee waived: launch promotion', amount: invoice.total }],
    reason: 'other',
  });
  ctx.tally.addCreditNote(note.currency, note.total);
}

async function changePlan(
  ctx: ActionContext,
  customer: DemoCustomer,
  plan: number,
  staticIp: boolean,
  immediate: boolean,
) {
  const state = stateOf(ctx, customer);
  if (state.subscriptionId === undefined || state.cancelled) return false;
  const { invoices } = await ctx.billing.subscriptions.change({
    subscriptionId: state.subscriptionId,
    items: itemsFor(ctx, customer, plan, staticIp),
    prorate: immediate ? 'immediate' : 'next_invoice',
  });
  state.plan = plan;
  state.staticIp = staticIp;
  ctx.tally.addInvoices(invoices);
  return true;
}

async function cancel(ctx: ActionContext, customer: DemoCustomer, atPeriodEnd: boolean): Promise<void> {
  const state = stateOf(ctx, customer);
  if (state.subscriptionId === undefined || state.cancelled) return;
  const { subscription } = await ctx.billing.subscriptions.cancel({
    subscriptionId: state.subscriptionId,
    atPeriodEnd,
    prorate: !atPeriodEnd,
  });
  state.cancelled = true;
  state.endsAt = subscription.endedAt ?? subscription.currentPeriodEnd;
  ctx.tally.cancellations += 1;
}

/**
 * Pauses the subscription with `restart` billing until local midnight of the next month's 1st: the unused rest of
 * the month is credited, the next month's run bills the new period from the resumption.
 */
async function pause(ctx: ActionContext, customer: DemoCustomer): Promise<void> {
  const state = stateOf(ctx, customer);
  if (state.subscriptionId === undefined || state.cancelled || state.pausedAt !== undefined) return;
  const { window } = ctx;
  const next =
    window.month === 12 ? { year: window.year + 1, month: 1 } : { year: window.year, month: window.month + 1 };
  const resumeAt = localMidnight(next.year, next.month, 1, customer.customer.timeZone);
  const { subscription } = await ctx.billing.subscriptions.pause({
    subscriptionId: state.subscriptionId,
    behavior: 'restart',
    resumeAt,
    idempotencyKey: `demo-pause-${customer.index}-${window.label}`,
  });
  state.pausedAt = subscription.pause?.pausedAt;
  state.resumesAt = resumeAt;
  ctx.tally.pauses += 1;
}

/** A quarter of this month's plan charge back (tax included), as a credit on the plan line. */
async function outageCredit(ctx: ActionContext, customer: DemoCustomer): Promise<void> {
  const invoices = await invoicesOf(ctx.billing, customer.customer.id);
  const invoice = invoices
    .filter((i) => i.billingReason === 'subscription_cycle' && (i.issuedAt ?? '') >= ctx.window.start)
    .at(-1);
  const line = invoice?.lines.find((l) => l.kind === 'subscription' && l.billingCode?.startsWith('INT-'));
  if (invoice === undefined || line === undefined) return;
  const gross = line.taxes.reduce(
    (sum, tax) => sum.add(money(tax.amount, invoice.currency)),
    money(line.taxableAmount, invoice.currency),
  );
  const credit = gross.multiply('0.25').round();
  if (credit.isZero() || credit.isNegative()) return;
  const note = await ctx.billing.creditNotes.create({
    invoiceId: invoice.id,
    lines: [
      { invoiceLineId: line.id, description: 'Outage credit: fibre line down for a week', amount: credit.toString() },
    ],
    reason: 'product_unsatisfactory',
    idempotencyKey: `demo-outage-${customer.index}-${ctx.window.label}`,
  });
  ctx.tally.addCreditNote(note.currency, note.total);
}

/** How much a customer pays of what they owe, by habit (`undefined`: nothing this time). */
function paymentAmount(customer: DemoCustomer, owed: Money, window: MonthWindow): Money | undefined {
  switch (customer.habit) {
    case 'prompt':
      return owed;
    case 'partial':
      // Half, in whole units.
      return owed.multiply('0.5').round('down', 0);
    case 'over':
      // Rounded up to the next ten: the rest becomes customer credit.
      return owed.multiply('0.1').round('down', 0).add(money('1', owed.currency)).multiply('10');
    case 'late':
      return window.index % 2 === 1 ? owed : undefined;
    case 'never':
      return undefined;
    default: {
      const never: never = customer.habit;
      throw new Error(`unknown habit ${String(never)}`);
    }
  }
}

async function pay(ctx: ActionContext, customer: DemoCustomer): Promise<void> {
  const open = await invoicesOf(ctx.billing, customer.customer.id, 'open');
  const owed = open
    .filter((invoice) => invoice.currency === customer.currency)
    .reduce(
      (sum, invoice) => sum.add(money(invoice.amountRemaining, customer.currency)),
      money('0', customer.currency),
    );
  if (owed.isZero()) return;
  const amount = paymentAmount(customer, owed, ctx.window);
  if (amount === undefined || amount.isZero() || amount.isNegative()) return;
  const ref = customer.customer.externalRef ?? String(customer.index);
  const reference = {
    cash: undefined,
    cheque: `Cheque ${100_000 + customer.index * 100 + ctx.window.index}`,
    bank_transfer: `${customer.currency === 'EUR' ? 'SEPA' : 'ACH'} ${ref}-${ctx.window.label}`,
  }[customer.method];
  const payment = await ctx.billing.payments.record({
    customerId: customer.customer.id,
    amount: amount.toString(),
    currency: customer.currency,
    method: customer.method,
    ...(reference !== undefined ? { reference } : {}),
    idempotencyKey: `demo-pay-${customer.index}-${ctx.window.label}`,
  });
  ctx.tally.addPayment(payment);
}

/** The month's data transfer of every live subscription, as a few events each, uploaded in batches. */
async function uploadUsage(ctx: ActionContext): Promise<void> {
  const { random, window } = ctx;
  const now = ctx.clock.now().getTime();
  const events = [];
  for (const customer of ctx.customers) {
    const state = stateOf(ctx, customer);
    if (state.subscriptionId === undefined || state.subscribedAt === undefined) continue;
    // After the 1st's billing run (every local midnight has passed) and after the sign-up.
    const from = Math.max(Date.parse(window.start) + 13 * HOUR, Date.parse(state.subscribedAt) + HOUR);
    const pausedNow = state.pausedAt !== undefined && (state.resumesAt ?? '') > new Date(now).toISOString();
    const to = Math.min(
      now - 2 * HOUR,
      state.endsAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(state.endsAt),
      // A subscription paused with restart billing takes no usage until it resumes.
      pausedNow ? Date.parse(state.pausedAt as string) : Number.POSITIVE_INFINITY,
    );
    if (to <= from) continue;
    const count = random.int(4, 8);
    const tenths = Math.round(customer.monthlyGb * 10 * (0.6 + random.next() * 0.8) * ((to - from) / (30 * 24 * HOUR)));
    for (let i = 0; i < count; i++) {
      const share = i === count - 1 ? tenths - Math.floor(tenths / count) * (count - 1) : Math.floor(tenths / count);
      if (share <= 0) continue;
      const timestamp = new Date(from + Math.floor(random.next() * (to - from))).toISOString();
      events.push({
        id: `demo-usage-${customer.index}-${window.label}-${i}`,
        customerId: customer.customer.id,
        subscriptionId: state.subscriptionId,
        eventName: 'data.transfer',
        timestamp,
        properties: { gb: `${Math.floor(share / 10)}.${share % 10}` },
      });
      ctx.tally.usageEvents += 1;
      ctx.tally.usageTenthsGb += share;
    }
  }
  for (let i = 0; i < events.length; i += 1000) await ctx.billing.usage.ingest(events.slice(i, i + 1000));
}

/** Plays one action at the clock's current instant. */
export async function playAction(ctx: ActionContext, action: DemoAction): Promise<void> {
  switch (action.kind) {
    case 'run':
      ctx.tally.addRun(await ctx.billing.runCycle());
      return;
    case 'subscribe':
      return subscribe(ctx, action.customer);
    case 'waive-setup':
      return waiveSetup(ctx, action.customer);
    case 'upgrade':
    case 'downgrade': {
      const state = stateOf(ctx, action.customer);
      const plan = state.plan + (action.kind === 'upgrade' ? 1 : -1);
      if (plan < 0 || plan >= ctx.catalog.plans.length) return;
      if (await changePlan(ctx, action.customer, plan, state.staticIp, action.immediate)) {
        if (action.kind === 'upgrade') ctx.tally.upgrades += 1;
        else ctx.tally.downgrades += 1;
      }
      return;
    }
    case 'add-static-ip': {
      const state = stateOf(ctx, action.customer);
      if (!state.staticIp && (await changePlan(ctx, action.customer, state.plan, true, false))) ctx.tally.addOns += 1;
      return;
    }
    case 'cancel':
      return cancel(ctx, action.customer, action.atPeriodEnd);
    case 'outage-credit':
      return outageCredit(ctx, action.customer);
    case 'pause':
      return pause(ctx, action.customer);
    case 'pay':
      return pay(ctx, action.customer);
    case 'collect':
      ctx.tally.addCollections(await ctx.billing.collections.run());
      return;
    case 'usage':
      return uploadUsage(ctx);
    default: {
      const never: never = action;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}
