import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { formatFixed, parseFixed } from '../../money/fixed';
import { Money, money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { UsageQuery } from '../../storage/subscription-repositories';
import type { EngineContext } from '../context';
import { buildDraftInvoice } from '../invoices/build-invoice';
import { finalizeDrafts, numberInvoices } from '../invoices/finalize-invoices';
import { enqueueNotifications } from '../notifications/enqueue-notifications';
import { spendableCredits } from '../ledger/credit-balance';
import { billingTelemetry } from '../../telemetry/billing-telemetry';
import { meteredItems } from '../usage/metered-prices';
import { ratesPerTransaction, transactionsOf } from '../usage/transactions';
import { boundaryDraft } from './boundary-draft';
import type { Catalog } from './catalog';
import { loadCustomers } from './load-customers';
import { type BoundaryPlan, planBoundary } from './plan-boundary';
import { type RunError, runError } from './run-error';
import { assertNotErased } from '../customers/erased-customer-rule';

/** How far `billSubscriptions` bills. */
export interface BillOptions {
  readonly catalog: Catalog;
  /** Boundaries at or before this instant are billed. */
  readonly now: string;
  /** At most this many boundaries per subscription per call (default 120); the rest stay due for the next batch. */
  readonly maxBoundaries?: number;
  /**
   * Write the notifications to the outbox here, before the invoice numbers are taken (their ids come back in
   * `outboxIds`), instead of leaving them to the caller. A caller with no writes after the batch's asks for it, so
   * the numbering sequence stays locked only for the invoices' insert and the commit.
   */
  readonly writeOutbox?: boolean;
}

/** What `billSubscriptions` wrote, and which subscriptions it left alone. */
export interface BilledBatch {
  /** The invoices stored (finalized). */
  readonly invoices: readonly Invoice[];
  /** The subscriptions stored with their new state (version + 1). */
  readonly advanced: readonly Subscription[];
  /** One entry per subscription left unbilled and unchanged. */
  readonly errors: readonly RunError[];
  /** To deliver once the transaction has committed. */
  readonly notifications: readonly BillingNotification[];
  /** The outbox entries of `notifications`, when the call wrote them (`writeOutbox`); else empty. */
  readonly outboxIds: readonly string[];
}

interface Planned {
  readonly subscription: Subscription;
  readonly customer: Customer;
  readonly plans: BoundaryPlan[];
  /** Index of each plan's first usage query; the metered items follow in order. */
  readonly firstQuery: number[];
}

/**
 * Bills every boundary up to `now` of the given subscriptions inside the caller's transaction, with a fixed
 * number of statements for the whole batch: one `customers.getMany`, one `balance.balances` per currency, one
 * `usage.aggregate` for every metered item of every boundary, drafts built in memory, then `finalizeDrafts`,
 * one `subscriptions.updateMany`, the outbox (`writeOutbox`), and last the numbers (`numberInvoices`: the sequence
 * stays locked until the commit) and one `invoices.insertMany` (plus one `usage.list` walk per
 * boundary of a metered `percentage` item, rated per transaction). A subscription many periods behind gets one invoice per boundary. A subscription
 * whose billing fails (a missing price, a bad coupon) is left unchanged and reported in `errors`; the others are
 * billed. Storage failures are thrown, so the transaction rolls back as a whole.
 */
export async function billSubscriptions(
  session: StorageSession,
  ctx: EngineContext,
  subscriptions: readonly Subscription[],
  options: BillOptions,
): Promise<BilledBatch> {
  const { catalog, now } = options;
  const maxBoundaries = options.maxBoundaries ?? 120;
  const updatedAt = ctx.clock.now().toISOString();
  const errors: RunError[] = [];
  const customers = await loadCustomers(
    session,
    subscriptions.map((s) => s.customerId),
  );

  const planned: Planned[] = [];
  const queries: UsageQuery[] = [];
  const perTransaction: boolean[] = [];
  for (const subscription of subscriptions) {
    const customer = customers.get(subscription.customerId);
    if (customer === undefined) {
      const missing = new BillingError(BillingErrorCode.notFound, `Customer ${subscription.customerId} not found`);
      errors.push(runError(subscription.id, 'customer', missing));
      continue;
    }
    try {
      assertNotErased(customer, ['customerId']);
      const plans: BoundaryPlan[] = [];
      let state = subscription;
      while (state.nextBillingAt !== undefined && state.nextBillingAt <= now && plans.length < maxBoundaries) {
        const plan = planBoundary(state, customer.timeZone, updatedAt);
        plans.push(plan);
        state = plan.after;
      }
      const firstQuery = plans.map((plan, p) => {
        const first = queries.length;
        if (plan.arrears === undefined) return first;
        // The usage of the window ending at this boundary is rated on the items the subscription had in it.
        const before = p === 0 ? subscription : (plans[p - 1] as BoundaryPlan).after;
        for (const { meter, price } of meteredItems(before, catalog)) {
          perTransaction.push(ratesPerTransaction(price));
          queries.push({
            subscriptionId: subscription.id,
            eventName: meter.eventName,
            aggregation: meter.aggregation,
            ...(meter.property === undefined ? {} : { property: meter.property }),
            from: plan.arrears.span.start,
            to: plan.arrears.span.end,
          });
        }
        return first;
      });
      planned.push({ subscription, customer, plans, firstQuery });
    } catch (error) {
      errors.push(runError(subscription.id, 'plan', error));
    }
  }

  const telemetry = ctx.telemetry ?? billingTelemetry;
  const { quantities, transactions } = await telemetry.measure(
    'rating',
    'usage',
    async () => ({
      // Adapters may keep trailing zeros ("25.0"); lines show the plain decimal.
      quantities: (queries.length > 0 ? await session.usage.aggregate(queries) : []).map(plainDecimal),
      // Percentage prices take a fee per transaction: their events' amounts, not just the total.
      transactions: await transactionsOf(session, queries, perTransaction),
    }),
    // A batch without metered prices rates nothing.
    { skip: () => queries.length === 0 },
  );
  const credit = await creditByCustomer(session, planned);

  const drafts: Invoice[] = [];
  const advanced: Subscription[] = [];
  for (const { subscription, customer, plans, firstQuery } of planned) {
    const key = creditKey(customer.id, subscription.currency);
    const spendable = credit.get(key);
    if (!(spendable instanceof Money)) {
      errors.push(runError(subscription.id, 'customer', spendable));
      continue;
    }
    try {
      let left = spendable;
      let state = subscription;
      const own: Invoice[] = [];
      plans.forEach((plan, p) => {
        // Each metered item's query (and its answers) by item: the planning loop queued them in this order.
        const answer = new Map<string, number>();
        if (plan.arrears !== undefined) {
          for (const [m, item] of meteredItems(state, catalog).entries()) {
            answer.set(item.itemId, (firstQuery[p] as number) + m);
          }
        }
        const at = (itemId: string) => answer.get(itemId) ?? -1;
        const step = boundaryDraft(state, plan, {
          customer,
          catalog,
          usage: (itemId) => quantities[at(itemId)] ?? '0',
          transactions: (itemId) => transactions[at(itemId)] ?? [],
          creditBalance: left.toString(),
          roundingMode: ctx.config.roundingMode,
          texts: ctx.config.lineTexts(customer.locale),
        });
        if (step.input !== undefined) {
          const draft = buildDraftInvoice(ctx, step.input);
          // A negative total (credits exceed charges) adds to the balance; a positive one uses it.
          left = left.subtract(money(draft.creditApplied, draft.currency));
          own.push(draft);
        }
        state = step.after;
      });
      credit.set(key, left);
      drafts.push(...own);
      advanced.push({ ...state, version: subscription.version + 1 });
    } catch (error) {
      errors.push(runError(subscription.id, 'draft', error));
    }
  }

  // The numbering sequence is locked from its reservation to the commit: every other write comes first.
  const write = async () => {
    const finalized =
      drafts.length === 0
        ? { invoices: [], notifications: [] }
        : await finalizeDrafts(session, ctx, drafts, customers, new Map(advanced.map((s) => [s.id, s])));
    if (advanced.length > 0) await session.subscriptions.updateMany(advanced, changedFields(subscriptions, advanced));
    const outboxIds = options.writeOutbox ? await enqueueNotifications(session, ctx, finalized.notifications) : [];
    const invoices = finalized.invoices.length === 0 ? [] : await numberInvoices(session, ctx, finalized.invoices);
    if (invoices.length > 0) await session.invoices.insertMany(invoices);
    return { invoices, notifications: finalized.notifications, outboxIds };
  };
  const written = drafts.length === 0 ? await write() : await telemetry.measure('invoicing', 'finalize', write);
  return { ...written, advanced, errors };
}

const creditKey = (customerId: string, currency: string) => `${customerId}\u0000${currency}`;

/**
 * The spendable credit of each customer (in each subscription currency) of the batch: one `balances` call per
 * currency, never below zero. A balance storage gives back that is not a decimal is that customer's error, not
 * the batch's: the other customers are billed.
 */
async function creditByCustomer(
  session: StorageSession,
  planned: readonly Planned[],
): Promise<Map<string, Money | BillingError>> {
  const byCurrency = new Map<string, Set<string>>();
  for (const { subscription } of planned) {
    const { customerId, currency } = subscription;
    const ids = byCurrency.get(currency) ?? new Set<string>();
    ids.add(customerId);
    byCurrency.set(currency, ids);
  }
  const credit = new Map<string, Money | BillingError>();
  for (const [currency, ids] of byCurrency) {
    for (const [customerId, balance] of await spendableCredits(session, [...ids], currency)) {
      credit.set(creditKey(customerId, currency), balance);
    }
  }
  return credit;
}

/** A decimal string without trailing fractional zeros (`"25.0"` → `"25"`). */
function plainDecimal(text: string): string {
  return formatFixed(parseFixed(text));
}

/**
 * Every field that differs between a subscription as claimed and as advanced (by identity: billing builds new
 * values and never changes one in place), across the batch: the hint `subscriptions.updateMany` may write only.
 */
function changedFields(before: readonly Subscription[], after: readonly Subscription[]): (keyof Subscription)[] {
  const claimed = new Map(before.map((s) => [s.id, s as unknown as Record<string, unknown>]));
  const changed = new Set<string>();
  for (const subscription of after) {
    const was = claimed.get(subscription.id) as Record<string, unknown>;
    const now = subscription as unknown as Record<string, unknown>;
    for (const key in now) if (now[key] !== was[key]) changed.add(key);
    for (const key in was) if (!(key in now)) changed.add(key);
  }
  return [...changed] as (keyof Subscription)[];
}
