import {
  type Billing,
  type BillingOptions,
  type BillingStorageAdapter,
  type CollectionFee,
  createBilling,
  createTestClock,
  type AgingReport,
  type FailedPaymentsReport,
  type Invoice,
  listAll,
  type MrrReport,
  money,
  type RevenueReport,
} from '@billfold/core';
import { CurrencyTotals } from '../money-totals';
import { type Progress, silentProgress } from '../progress';
import { type ActionContext, type CustomerState, playAction } from './actions';
import { tallyCardCharges } from './card-charges';
import { DEMO_COLLECTIONS } from './collections-policy';
import { monthWindows, planMonth } from './month-plan';
import { MonthTally } from './month-tally';
import { createRandom } from './random';
import { SandboxGateway } from './sandbox-gateway';
import { type DemoCatalog, seedCatalog } from './seed-catalog';
import { type DemoCustomer, seedCustomers } from './seed-customers';

/** Where the demo's test clock starts. */
export const DEMO_START = '2026-01-01T00:00:00Z';

/** Options of {@link runScenario}. */
export interface ScenarioOptions {
  readonly customers: number;
  readonly months: number;
  /** The first instant of the demo (default {@link DEMO_START}); months are calendar months in UTC. */
  readonly start?: string;
  /** The seed of every random choice (default 2026): the same seed tells the same story. */
  readonly seed?: number;
  readonly progress?: Progress;
}

/** One month of the demo: what happened, and what was owed at its end. */
export interface MonthReport {
  readonly label: string;
  /** Invoices finalized in the month (sign-ups, one-off setup fees, immediate plan changes, the billing run). */
  readonly invoices: number;
  /** Their totals per currency. */
  readonly invoiced: Record<string, string>;
  readonly payments: number;
  readonly received: Record<string, string>;
  /** Payments by method; `card`: charged through the sandbox gateway. */
  readonly paymentMethods: Readonly<Record<'cash' | 'cheque' | 'bank_transfer' | 'card', number>>;
  /** Σ the card payments (`method: 'gateway'`) recorded in the month, per currency. */
  readonly collectedOnline: Record<string, string>;
  /** Card charges a retry recovered after a decline. */
  readonly cardRecoveries: number;
  /** Card charges declined in the month, by decline code. */
  readonly cardDeclines: Readonly<Record<string, number>>;
  readonly creditNotes: number;
  readonly credited: Record<string, string>;
  readonly signups: number;
  readonly upgrades: number;
  readonly downgrades: number;
  readonly addOns: number;
  readonly cancellations: number;
  readonly pauses: number;
  readonly usageEvents: number;
  readonly usageGb: string;
  /** Σ `amountRemaining` of the open invoices at the end of the month, per currency. */
  readonly outstanding: Record<string, string>;
  readonly openInvoices: number;
  /** Σ customer credit balances (overpayments, credit-note surpluses, proration credits) at the end of the month. */
  readonly customerCredit: Record<string, string>;
  /** Collections: reminders sent, invoices that became overdue, late fees and their totals, lines suspended. */
  readonly reminders: number;
  readonly overdue: number;
  readonly fees: number;
  readonly feesCharged: Record<string, string>;
  readonly suspended: number;
  readonly runErrors: readonly string[];
}

/** The customer charged the most late fees, and where that left them. */
export interface LatePayer {
  readonly name: string;
  /** Reminders sent for the customer's invoices. */
  readonly reminders: number;
  /** Late fees charged (reminder fees, interest), and their sum before tax as `EUR 27.10`. */
  readonly fees: number;
  readonly feesCharged: string;
  /** The numbers of the invoices that bill those fees, in issue order. */
  readonly feeInvoices: readonly string[];
  /** What `collections.access` says at the end: `suspended (non_payment) since 2026-02-20`, `active (paid_up)`. */
  readonly access: string;
}

/** What the demo did. */
export interface ScenarioResult {
  readonly start: string;
  readonly catalog: DemoCatalog;
  readonly customers: readonly DemoCustomer[];
  readonly months: readonly MonthReport[];
  /** Every stored invoice at the end, in creation order. */
  readonly invoices: readonly Invoice[];
  /** The numbers of every credit note issued, in creation order. */
  readonly creditNoteNumbers: readonly string[];
  /** The late payer of the story, when anyone was charged a fee. */
  readonly latePayer?: LatePayer;
  /** The notifications in the outbox, by kind (nothing sends them in the demo). */
  readonly outbox: Readonly<Record<string, number>>;
  /** How many customers pay by card, charged automatically through the sandbox gateway. */
  readonly cardCustomers: number;
  /** `billing.reports.failedPayments` over the whole demo: every card decline, with its code. */
  readonly failedPayments: FailedPaymentsReport;
  /** `billing.reports.revenue` over the demo's months: recognised over each service period. */
  readonly revenue: RevenueReport;
  /** `billing.reports.mrr` over the demo's months: MRR and ARR with their movements. */
  readonly mrr: MrrReport;
  /** `billing.reports.aging` at the end of the demo. */
  readonly aging: AgingReport;
}

/** Ids that count up (`inv_0000000042`): the same on every run, and sorted in creation order like the default ids. */
export function countingIds(): NonNullable<BillingOptions['ids']> {
  let next = 0;
  return (prefix) => `${prefix}_${String(++next).padStart(10, '0')}`;
}

/**
 * Plays the demo on `storage` (empty): seeds an internet provider's catalog and customers, then drives a test
 * clock month by month through sign-ups, usage, billing runs, plan changes with proration, cancellations,
 * credit notes, manual payments, card payments charged automatically through an in-process
 * {@link SandboxGateway} (declines, retries) and a collections run every morning ({@link DEMO_COLLECTIONS}:
 * reminders, late fees, suspension, card retries). No notifier is set: every notification waits in the outbox. Deterministic: ids count up and every choice comes from a seeded random
 * source, so the same options give the same result. Leaves `storage` open.
 * @example
 * ```ts
 * const result = await runScenario(await createPostgresStorage(), { customers: 50, months: 3 });
 * result.months[0].invoices; // invoices finalized in January
 * ```
 */
export async function runScenario(storage: BillingStorageAdapter, options: ScenarioOptions): Promise<ScenarioResult> {
  const start = options.start ?? DEMO_START;
  const progress = options.progress ?? silentProgress;
  const clock = createTestClock(start);
  // No notifier: notifications wait in the outbox (billfold outbox dispatch --email-config sends them).
  // Card payments go through a SANDBOX gateway in this process: test cards, no provider, no money.
  const sandbox = new SandboxGateway();
  const billing = createBilling({
    storage,
    clock,
    ids: countingIds(),
    gateways: [sandbox],
    config: { collections: DEMO_COLLECTIONS },
  });
  const random = createRandom(options.seed ?? 2026);

  const catalog = await progress.step('seeding the catalog', () => seedCatalog(billing));
  const customers = await progress.step(`seeding ${options.customers} customers`, () =>
    seedCustomers(billing, sandbox, catalog, random, options.customers),
  );
  const states = new Map<number, CustomerState>(
    customers.map((c) => [c.index, { plan: c.plan, staticIp: c.staticIp, cancelled: false }]),
  );
  const standing = (customer: DemoCustomer) => {
    const state = states.get(customer.index);
    // A paused subscription is left alone until it resumes (changes are refused while paused).
    const paused = state?.resumesAt !== undefined && state.resumesAt > clock.now().toISOString();
    const live = state?.subscriptionId !== undefined && !state.cancelled && !paused;
    return { live, plan: state?.plan ?? customer.plan, staticIp: state?.staticIp ?? customer.staticIp };
  };

  const months: MonthReport[] = [];
  for (const window of monthWindows(start, options.months)) {
    const tally = new MonthTally();
    const ctx: ActionContext = { billing, clock, catalog, random, customers, states, window, tally };
    const planned = planMonth(window, customers, standing, random);
    const play = async (actions: typeof planned) => {
      for (const { at, action } of actions) {
        clock.set(at);
        await playAction(ctx, action);
      }
    };
    // A month opens with its billing run (reported on its own), then the rest of the month plays as one step.
    const opening = planned.findIndex(({ action }) => action.kind !== 'run');
    const runs = planned.slice(0, opening < 0 ? planned.length : opening);
    if (runs.length > 0) {
      await progress.step(
        `${window.label} billing run`,
        () => play(runs),
        () => `${tally.invoices} invoices`,
      );
    }
    await progress.step(
      `${window.label} sign-ups, changes, payments and usage`,
      () => play(planned.slice(runs.length)),
      () =>
        `${tally.signups + tally.upgrades + tally.downgrades + tally.addOns + tally.cancellations + tally.pauses} subscription events, ${tally.payments} payments, ${tally.usageEvents} usage events`,
    );
    clock.set(window.end);
    const owed = await progress.step(`${window.label} month-end balances`, async () => {
      await tallyCardCharges(billing, window, tally);
      const open = await listAll((page) => billing.invoices.list({ ...page, status: 'open' }));
      const outstanding = new CurrencyTotals();
      for (const invoice of open) outstanding.add(invoice.currency, invoice.amountRemaining);
      const credit = new CurrencyTotals();
      for (const { customer, currency } of customers) {
        const balance = await billing.balance.get(customer.id, currency);
        if (!money(balance.amount, currency).isZero()) credit.add(currency, balance.amount);
      }
      return { outstanding: outstanding.toRecord(), openInvoices: open.length, customerCredit: credit.toRecord() };
    });
    months.push({
      label: window.label,
      invoices: tally.invoices,
      invoiced: tally.invoiced.toRecord(),
      payments: tally.payments,
      received: tally.received.toRecord(),
      paymentMethods: { ...tally.paymentMethods },
      collectedOnline: tally.collectedOnline.toRecord(),
      cardRecoveries: tally.cardRecoveries,
      cardDeclines: { ...tally.cardDeclines },
      creditNotes: tally.creditNotes,
      credited: tally.credited.toRecord(),
      signups: tally.signups,
      upgrades: tally.upgrades,
      downgrades: tally.downgrades,
      addOns: tally.addOns,
      cancellations: tally.cancellations,
      pauses: tally.pauses,
      usageEvents: tally.usageEvents,
      usageGb: tally.usageGb,
      ...owed,
      reminders: tally.reminders,
      overdue: tally.overdue,
      fees: tally.fees,
      feesCharged: tally.feesCharged.toRecord(),
      suspended: tally.suspended,
      runErrors: [...tally.runErrors],
    });
  }
  const invoices = await listAll((page) => billing.invoices.list(page));
  const creditNotes = await listAll((page) => billing.creditNotes.list(page));
  const outbox: Record<string, number> = {};
  for (const entry of await listAll((page) => billing.notifications.list(page))) {
    outbox[entry.type] = (outbox[entry.type] ?? 0) + 1;
  }
  const latePayer = await findLatePayer(billing, invoices);
  const end = monthWindows(start, options.months).at(-1)?.end ?? start;
  const failedPayments = await billing.reports.failedPayments({ from: start, to: end });
  const demoMonths = {
    fromMonth: months[0]?.label ?? start.slice(0, 7),
    toMonth: months.at(-1)?.label ?? start.slice(0, 7),
  };
  const revenue = await billing.reports.revenue(demoMonths);
  const mrr = await billing.reports.mrr(demoMonths);
  const aging = await billing.reports.aging({ asOf: end });
  return {
    start: new Date(start).toISOString(),
    catalog,
    customers,
    months,
    invoices,
    creditNoteNumbers: creditNotes.map((note) => note.number),
    ...(latePayer === undefined ? {} : { latePayer }),
    outbox,
    cardCustomers: customers.filter((customer) => customer.method === 'card').length,
    failedPayments,
    revenue,
    mrr,
    aging,
  };
}

/** The customer charged the most late fees (the first in id order on a tie); undefined when nobody was. */
async function findLatePayer(billing: Billing, invoices: readonly Invoice[]): Promise<LatePayer | undefined> {
  const byCustomer = new Map<string, CollectionFee[]>();
  for (const fee of await listAll((page) => billing.collections.listFees(page))) {
    byCustomer.set(fee.customerId, [...(byCustomer.get(fee.customerId) ?? []), fee]);
  }
  const [late] = [...byCustomer].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  if (late === undefined) return undefined;
  const [customerId, fees] = late;
  const charged = new CurrencyTotals();
  for (const fee of fees) charged.add(fee.currency, fee.amount);
  const own = invoices.filter((invoice) => invoice.customerId === customerId);
  const access = await billing.collections.access(customerId);
  return {
    name: (await billing.customers.get(customerId)).name,
    reminders: own.reduce((sum, invoice) => sum + invoice.remindersSent, 0),
    fees: fees.length,
    feesCharged: Object.entries(charged.toRecord())
      .map(([currency, total]) => `${currency} ${total}`)
      .join(', '),
    feeInvoices: own.flatMap((invoice) =>
      invoice.billingReason === 'collections_fee' && invoice.number !== undefined ? [invoice.number] : [],
    ),
    access: `${access.state} (${access.reason})${access.since === undefined ? '' : ` since ${access.since.slice(0, 10)}`}`,
  };
}
