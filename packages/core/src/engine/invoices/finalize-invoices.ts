import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';
import { scheduleAutomaticCharges } from '../online-payments/schedule-charges';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { type Money, money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { collectionsPolicy } from '../collections/collections-policy';
import { firstCollectionsInstant } from '../collections/collections-schedule';
import { type EngineContext, formatDocumentNumber } from '../context';
import { creditBalances, recordBalanceEntry } from '../ledger/credit-balance';
import { customerSnapshot } from './customer-snapshot';
import { dueDate } from './due-date';
import { assertNotErased } from '../customers/erased-customer-rule';

/** What {@link finalizeInvoices} produced: the invoices to store and the notifications to send after commit. */
export interface FinalizedInvoices {
  /**
   * The finalized invoices, in the order of the drafts, with their `version` unchanged (see {@link finalizeInvoices});
   * numbered, except those {@link finalizeDrafts} gives back.
   */
  readonly invoices: Invoice[];
  /** `invoice.finalized` for each (and `invoice.paid` when nothing is due); send them once the transaction commits. */
  readonly notifications: BillingNotification[];
}

/**
 * Finalizes a batch of draft invoices inside the caller's transaction: {@link finalizeDrafts}, then
 * {@link numberInvoices}.
 *
 * It writes balance entries and number reservations, never the invoices: the caller stores them. The returned
 * invoices keep the drafts' `version`, so drafts built in memory (version 1) go straight to
 * `session.invoices.insertMany(invoices)`, and stored drafts are written with
 * `session.invoices.update({ ...invoice, version: invoice.version + 1 })`.
 * @throws BillingError `invalid_state` for a draft that is not in status `draft`; `not_found` when its
 * customer is missing from `customers`.
 */
export async function finalizeInvoices(
  session: StorageSession,
  ctx: EngineContext,
  drafts: readonly Invoice[],
  customers: ReadonlyMap<string, Customer>,
  subscriptions: ReadonlyMap<string, Subscription> = new Map(),
): Promise<FinalizedInvoices> {
  const finalized = await finalizeDrafts(session, ctx, drafts, customers, subscriptions);
  return { invoices: await numberInvoices(session, ctx, finalized.invoices), notifications: finalized.notifications };
}

/**
 * Gives finalized invoices their gapless numbers: one `reserveNumbers` call per sequence (in the order the
 * sequences first appear), numbers in the order of the invoices. The reservation locks the sequence's counter
 * until the transaction ends, so a writer of many invoices calls this as late as it can: as its last write before
 * the invoices themselves, other writers of the same sequence wait only for its commit.
 */
export async function numberInvoices(
  session: StorageSession,
  ctx: EngineContext,
  invoices: readonly Invoice[],
): Promise<Invoice[]> {
  const counts = new Map<string, number>();
  for (const invoice of invoices) counts.set(invoice.sequence, (counts.get(invoice.sequence) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [sequence, count] of counts) next.set(sequence, await session.invoices.reserveNumbers(sequence, count));
  return invoices.map((invoice) => {
    const value = next.get(invoice.sequence) as number;
    next.set(invoice.sequence, value + 1);
    return { ...invoice, number: formatDocumentNumber(invoice.sequence, value, ctx.config.numberDigits) };
  });
}

/**
 * Finalizes a batch of draft invoices inside the caller's transaction, all but their numbers (give those with
 * {@link numberInvoices} before storing them):
 * - sets the numbering `sequence` from the issue instant (a draft built on 31 December and finalized on 1 January
 *   is numbered in the new year);
 * - freezes the customer snapshot, sets `issuedAt` = now and `dueAt` (see {@link dueDate});
 * - records the credit applied as negative `applied_to_invoice` balance entries (a negative `creditApplied`, from a
 *   negative total, becomes a positive `proration` entry instead). The credit available is read
 *   again here: when it has shrunk since the draft was built, `creditApplied` is lowered to what is left
 *   (shared in draft order among one customer's drafts) and `amountDue` raised by the difference;
 * - sets status `open`, or `paid` (with `paidAt`) when nothing is due, and `collectionsDueAt`: when the collections
 *   run first looks at it (its first reminder, or becoming overdue, by the customer's collections policy);
 * - schedules the first automatic charge of open invoices collected automatically (the customer's or, among
 *   `subscriptions`, the subscription's `collectionMethod`; see `scheduleAutomaticCharges`).
 *
 * It writes balance entries (and scheduled charges), never the invoices.
 * @throws BillingError `invalid_state` for a draft that is not in status `draft`; `not_found` when its
 * customer is missing from `customers`.
 */
export async function finalizeDrafts(
  session: StorageSession,
  ctx: EngineContext,
  drafts: readonly Invoice[],
  customers: ReadonlyMap<string, Customer>,
  subscriptions: ReadonlyMap<string, Subscription> = new Map(),
): Promise<FinalizedInvoices> {
  const now = ctx.clock.now();
  const issuedAt = now.toISOString();
  const sequence = ctx.config.invoiceSequence(now);
  drafts.forEach((draft, index) => {
    if (draft.status !== 'draft') {
      throw new BillingError(
        BillingErrorCode.invalidState,
        `Invoice ${draft.id} is ${draft.status}; only a draft can be finalized`,
        {
          path: ['drafts', index, 'status'],
        },
      );
    }
    if (!customers.has(draft.customerId)) {
      throw new BillingError(
        BillingErrorCode.notFound,
        `Customer ${draft.customerId} of invoice ${draft.id} not found`,
        {
          path: ['drafts', index, 'customerId'],
        },
      );
    }
  });
  const credit = await availableCredit(session, drafts);
  const invoices: Invoice[] = [];
  const notifications: BillingNotification[] = [];
  // Every invoice of the batch is issued now: its due date depends only on the customer's zone and terms.
  const dueDates = new Map<string, string>();
  const dueAt = (customer: Customer) => {
    const key = `${customer.paymentTermsDays}\u0000${customer.timeZone}`;
    let due = dueDates.get(key);
    if (due === undefined) {
      due = dueDate(issuedAt, customer.paymentTermsDays, customer.timeZone);
      dueDates.set(key, due);
    }
    return due;
  };
  // Every invoice of the batch is issued now: its first collections instant depends on the customer's policy and dates.
  const firstCollections = new Map<string, string>();
  const collectFrom = (customer: Customer) => {
    const key = `${customer.collectionsPolicy ?? ''}\u0000${customer.paymentTermsDays}\u0000${customer.timeZone}`;
    let at = firstCollections.get(key);
    if (at === undefined) {
      try {
        const policy = collectionsPolicy(ctx.config.collections, customer.collectionsPolicy);
        at = firstCollectionsInstant(policy, issuedAt, dueAt(customer), customer.timeZone);
      } catch {
        // A policy name the config no longer has: the collections run reports it for this invoice from now on.
        at = issuedAt;
      }
      firstCollections.set(key, at);
    }
    return at;
  };
  const zeroAmount = new Map<string, string>();
  const zero = (currency: string) => {
    let text = zeroAmount.get(currency);
    if (text === undefined) {
      text = money('0', currency).toString();
      zeroAmount.set(currency, text);
    }
    return text;
  };
  for (const draft of drafts) {
    const customer = customers.get(draft.customerId) as Customer;
    assertNotErased(customer, ['customerId']);
    const { creditApplied, amountDue } = settleCredit(draft, credit);
    const paid = amountDue.isZero();
    const invoice: Invoice = {
      ...draft,
      sequence,
      status: paid ? 'paid' : 'open',
      creditApplied: creditApplied.toString(),
      amountDue: amountDue.toString(),
      amountPaid: zero(draft.currency),
      amountCredited: zero(draft.currency),
      amountRemaining: amountDue.toString(),
      customerSnapshot: customerSnapshot(customer),
      issuedAt,
      dueAt: dueAt(customer),
      collectionsDueAt: collectFrom(customer),
    };
    if (paid) invoice.paidAt = issuedAt;
    invoices.push(invoice);
    if (!creditApplied.isZero()) {
      await recordBalanceEntry(session, ctx, {
        customerId: draft.customerId,
        currency: draft.currency,
        amount: creditApplied.negate().toString(),
        // A negative total (proration credit beyond the charges) gives the customer credit instead of using it.
        type: creditApplied.isNegative() ? 'proration' : 'applied_to_invoice',
        referenceId: draft.id,
      });
    }
    notifications.push({
      type: 'invoice.finalized',
      customerId: draft.customerId,
      invoiceId: draft.id,
      occurredAt: issuedAt,
    });
    if (paid)
      notifications.push({
        type: 'invoice.paid',
        customerId: draft.customerId,
        invoiceId: draft.id,
        occurredAt: issuedAt,
      });
  }
  await scheduleAutomaticCharges(session, ctx, invoices, customers, subscriptions);
  return { invoices, notifications };
}

const creditKey = (customerId: string, currency: string) => `${customerId}\u0000${currency}`;

/**
 * The spendable balance (never below zero) of every customer and currency that a draft of the batch applies
 * credit from: one `balances` call per currency.
 */
async function availableCredit(session: StorageSession, drafts: readonly Invoice[]): Promise<Map<string, Money>> {
  const byCurrency = new Map<string, Set<string>>();
  for (const draft of drafts) {
    const wanted = money(draft.creditApplied, draft.currency);
    if (wanted.isZero() || wanted.isNegative()) continue;
    const ids = byCurrency.get(draft.currency) ?? new Set<string>();
    ids.add(draft.customerId);
    byCurrency.set(draft.currency, ids);
  }
  const credit = new Map<string, Money>();
  for (const [currency, ids] of byCurrency) {
    for (const [customerId, balance] of await creditBalances(session, [...ids], currency)) {
      credit.set(creditKey(customerId, currency), money(balance, currency));
    }
  }
  return credit;
}

/** The draft's credit, lowered to what the customer still has, and the amount due that follows. */
function settleCredit(draft: Invoice, credit: Map<string, Money>): { creditApplied: Money; amountDue: Money } {
  const wanted = money(draft.creditApplied, draft.currency);
  const due = money(draft.amountDue, draft.currency);
  if (wanted.isZero() || wanted.isNegative()) return { creditApplied: wanted, amountDue: due };
  const key = creditKey(draft.customerId, draft.currency);
  const left = credit.get(key) as Money;
  const applied = wanted.compare(left) <= 0 ? wanted : left;
  credit.set(key, left.subtract(applied));
  return { creditApplied: applied, amountDue: due.add(wanted.subtract(applied)) };
}
