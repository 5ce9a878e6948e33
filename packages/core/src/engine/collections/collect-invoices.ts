import type { CollectionFee } from '../../domain/collection-fee';
import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { DunningStage, Subscription } from '../../domain/subscription';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { loadCustomers } from '../run-cycle/load-customers';
import { runError } from '../run-cycle/run-error';
import { billFees, type FeeBill } from './bill-fees';
import { type CollectionsPolicy, collectionsPolicy } from './collections-policy';
import { dunningSchedule, overdueInstant } from './collections-schedule';
import { advanceDunning, inDunningReach } from './dunning';
import { localDay } from '../../periods/local-days';
import { type InvoiceCollections, planInvoiceCollections } from './plan-invoice-collections';

/** Why one invoice was left uncollected in a run; it stays due and is tried again by the next run. */
export interface CollectionsError {
  readonly invoiceId: string;
  /** `plan`: its collections could not be worked out (a missing customer, an unknown policy); `write`: storage refused. */
  readonly step: 'plan' | 'write';
  readonly code: string;
  readonly message: string;
}

/** Describes an error met while collecting one invoice. */
export function collectionsError(invoiceId: string, step: CollectionsError['step'], error: unknown): CollectionsError {
  const { code, message } = runError(invoiceId, step, error);
  return { invoiceId, step, code, message };
}

/** What {@link collectInvoices} wrote. */
export interface CollectedBatch {
  /** The invoices whose collections moved on (stored with version + 1). */
  readonly invoices: readonly Invoice[];
  readonly reminders: number;
  readonly overdue: number;
  readonly fees: readonly CollectionFee[];
  /** The invoices that bill fees (finalized and stored). */
  readonly feeInvoices: readonly Invoice[];
  /** The dunning stages subscriptions reached. */
  readonly dunning: readonly { readonly subscriptionId: string; readonly stage: DunningStage }[];
  readonly errors: readonly CollectionsError[];
  /** To write to the outbox in the same transaction. */
  readonly notifications: readonly BillingNotification[];
}

interface Planned {
  readonly customer: Customer;
  readonly policy: CollectionsPolicy;
  readonly plan: InvoiceCollections;
}

/** The subscription an overdue invoice may move on through dunning. */
const dunnedSubscription = ({ plan }: Planned) =>
  plan.invoice.overdue && plan.invoice.billingReason !== 'collections_fee' ? plan.invoice.subscriptionId : undefined;

/**
 * Collects open invoices due for collections at `now`, inside the caller's transaction, which holds their customers'
 * ledger locks (and, in a batch, the invoices' rows): plans each invoice (reminder, overdue flag, fees), locks the
 * subscriptions dunning may move and the fees may go on (one call, ascending ids: customers → subscription rows →
 * invoices and numbers, rule L5), moves dunning on, bills the fees, and writes everything: subscriptions, fee
 * invoices and fee records, then the invoices with their next `collectionsDueAt` (the next reminder, becoming
 * overdue, or dunning step; absent when nothing is left). An invoice that cannot be planned is reported in `errors`
 * and left unchanged; storage failures are thrown, so the transaction rolls back as a whole.
 */
export async function collectInvoices(
  session: StorageSession,
  ctx: EngineContext,
  invoices: readonly Invoice[],
  now: string,
): Promise<CollectedBatch> {
  const ids = invoices.map((invoice) => invoice.id);
  const customers = await loadCustomers(
    session,
    invoices.map((invoice) => invoice.customerId),
  );
  const charged = new Map<string, CollectionFee[]>();
  for (const fee of ids.length > 0 ? await session.collectionFees.listForInvoices(ids) : []) {
    charged.set(fee.invoiceId, [...(charged.get(fee.invoiceId) ?? []), fee]);
  }
  const errors: CollectionsError[] = [];
  const planned: Planned[] = [];
  for (const invoice of invoices) {
    try {
      const customer = customers.get(invoice.customerId);
      if (customer === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `Customer ${invoice.customerId} not found`);
      }
      const policy = collectionsPolicy(ctx.config.collections, customer.collectionsPolicy);
      const plan = planInvoiceCollections({
        invoice,
        customer,
        policy,
        fees: charged.get(invoice.id) ?? [],
        now,
        roundingMode: ctx.config.roundingMode,
      });
      planned.push({ customer, policy, plan });
    } catch (error) {
      errors.push(collectionsError(invoice.id, 'plan', error));
    }
  }

  const toLock = new Set<string>();
  for (const item of planned) {
    const dunned = dunnedSubscription(item);
    if (dunned !== undefined) toLock.add(dunned);
    if (
      item.plan.charges.length > 0 &&
      item.policy.fees.billing === 'next_invoice' &&
      item.plan.invoice.subscriptionId
    ) {
      toLock.add(item.plan.invoice.subscriptionId);
    }
  }
  const locked = new Map<string, Subscription>();
  if (toLock.size > 0) {
    for (const subscription of await session.subscriptions.lock([...toLock].sort(), 'update')) {
      locked.set(subscription.id, subscription);
    }
  }
  const original = new Map(locked);

  const notifications: BillingNotification[] = [];
  const dunning: { subscriptionId: string; stage: DunningStage }[] = [];
  const bills: FeeBill[] = [];
  const updated: Invoice[] = [];
  let reminders = 0;
  let overdue = 0;
  for (const item of planned) {
    const { plan, customer } = item;
    const invoice = plan.invoice;
    const subscriptionId = dunnedSubscription(item);
    const subscription = subscriptionId === undefined ? undefined : locked.get(subscriptionId);
    let dunningPolicy: CollectionsPolicy | undefined;
    if (subscription !== undefined && inDunningReach(subscription)) {
      try {
        dunningPolicy = collectionsPolicy(
          ctx.config.collections,
          subscription.collectionsPolicy ?? customer.collectionsPolicy,
        );
      } catch (error) {
        errors.push(collectionsError(invoice.id, 'plan', error));
        continue;
      }
    }
    const about = { customerId: invoice.customerId, invoiceId: invoice.id, occurredAt: now };
    if (plan.becameOverdue) {
      overdue += 1;
      notifications.push({ type: 'invoice.overdue', ...about });
    }
    if (plan.reminder !== undefined) {
      reminders += 1;
      notifications.push({ type: 'invoice.reminder', ...about, reminderStep: plan.reminder.step });
      if (plan.charges.length > 0) {
        bills.push({ invoice, customer, policy: item.policy, charges: plan.charges, reminderStep: plan.reminder.step });
      }
    }
    let next = plan.next;
    if (subscription !== undefined && dunningPolicy !== undefined) {
      const overdueAt =
        invoice.overdueAt ??
        overdueInstant(dunningPolicy, localDay(invoice.dueAt as string, plan.timeZone), plan.timeZone);
      const schedule = dunningSchedule(dunningPolicy, overdueAt, plan.timeZone);
      const upcoming = schedule.find((step) => step.at > now)?.at;
      if (upcoming !== undefined && (next === undefined || upcoming < next)) next = upcoming;
      const reached = schedule.filter((step) => step.at <= now).at(-1);
      const move = reached === undefined ? undefined : advanceDunning(subscription, reached.stage, invoice.id, now);
      if (reached !== undefined && move !== undefined) {
        locked.set(subscription.id, move.subscription);
        notifications.push(...move.notifications);
        dunning.push({ subscriptionId: subscription.id, stage: reached.stage });
      }
    }
    const { collectionsDueAt: _before, ...rest } = invoice;
    updated.push({ ...rest, ...(next !== undefined ? { collectionsDueAt: next } : {}), version: invoice.version + 1 });
  }

  const billed = await billFees(session, ctx, bills, locked, now);
  for (const subscription of billed.subscriptions) locked.set(subscription.id, subscription);
  notifications.push(...billed.notifications);
  const changed = [...locked.values()]
    .filter((subscription) => subscription !== original.get(subscription.id))
    .map((subscription) => ({
      ...subscription,
      updatedAt: now,
      version: (original.get(subscription.id) as Subscription).version + 1,
    }));
  if (changed.length > 0) await session.subscriptions.updateMany(changed);
  if (billed.fees.length > 0) await session.collectionFees.insertMany(billed.fees);
  if (updated.length > 0) await session.invoices.updateMany(updated);
  return {
    invoices: updated,
    reminders,
    overdue,
    fees: billed.fees,
    feeInvoices: billed.feeInvoices,
    dunning,
    errors,
    notifications,
  };
}
