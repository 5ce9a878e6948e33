import type { CollectionFee } from '../../domain/collection-fee';
import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { PendingLine, Subscription } from '../../domain/subscription';
import { type Money, money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { TaxRate } from '../../tax/tax-rate';
import type { EngineContext } from '../context';
import { buildDraftInvoice, type DraftLine } from '../invoices/build-invoice';
import { finalizeInvoices } from '../invoices/finalize-invoices';
import { creditBalances } from '../ledger/credit-balance';
import { requireRecord } from '../require-record';
import type { CollectionsPolicy } from './collections-policy';
import { inDunningReach } from './dunning';
import type { FeeCharge } from './fee-charges';

/** The fees one reminder of an overdue invoice charges. */
export interface FeeBill {
  /** The overdue invoice. */
  readonly invoice: Invoice;
  readonly customer: Customer;
  readonly policy: CollectionsPolicy;
  readonly charges: readonly FeeCharge[];
  readonly reminderStep: number;
}

/** What {@link billFees} wrote, and what the caller still writes. */
export interface BilledFees {
  /** The fee records, to store (`collectionFees.insertMany`). */
  readonly fees: readonly CollectionFee[];
  /** The fee invoices, finalized and stored. */
  readonly feeInvoices: readonly Invoice[];
  /** Subscriptions with the pending fee lines of `next_invoice` fees added (version unchanged: the caller writes). */
  readonly subscriptions: readonly Subscription[];
  readonly notifications: readonly BillingNotification[];
}

/** The text of a fee line (English; the billing code names the kind for documents in other languages). */
function feeText(charge: FeeCharge, invoice: Invoice): string {
  const number = invoice.number ?? invoice.id;
  switch (charge.kind) {
    case 'reminder':
      return `Reminder fee (reminder ${charge.reminderStep}) for invoice ${number}`;
    case 'interest':
      return `Interest at ${charge.annualRate} % a year on ${charge.basis} ${charge.basis.currency} for ${charge.days} days late (${charge.from} to ${charge.to}), invoice ${number}`;
    case 'compensation':
      return `Compensation for recovery costs, invoice ${number}`;
    default: {
      const never: never = charge.kind;
      throw new Error(`unknown fee kind ${String(never)}`);
    }
  }
}

/** The draft line of a fee. */
function feeLine(charge: FeeCharge, bill: FeeBill): DraftLine {
  return {
    kind: 'fee',
    description: feeText(charge, bill.invoice),
    billingCode: bill.policy.fees.billingCodes[charge.kind],
    amount: charge.amount.toString(),
    discountable: false,
  };
}

/** The fee record of a charge. */
function feeRecord(
  charge: FeeCharge,
  bill: FeeBill,
  billedBy: Pick<CollectionFee, 'feeInvoiceId' | 'invoiceLineId' | 'subscriptionId'>,
  id: string,
  now: string,
): CollectionFee {
  return {
    id,
    customerId: bill.invoice.customerId,
    invoiceId: bill.invoice.id,
    kind: charge.kind,
    key: charge.key,
    currency: bill.invoice.currency,
    amount: charge.amount.toString(),
    basis: charge.basis.toString(),
    ...(charge.reminderStep !== undefined ? { reminderStep: charge.reminderStep } : {}),
    ...(charge.annualRate !== undefined ? { annualRate: charge.annualRate } : {}),
    ...(charge.from !== undefined ? { from: charge.from, to: charge.to as string, days: charge.days as number } : {}),
    ...billedBy,
    status: 'charged',
    createdAt: now,
    version: 1,
  };
}

/**
 * Bills the fees of a batch's reminders inside the caller's transaction. `invoice` billing: one invoice per
 * reminder (billing reason `collections_fee`, a line per fee with the policy's billing code, taxed with the
 * customer's rates only when the policy says so, credit applied from the balance), finalized and stored here; the
 * customer hears `invoice.fee_charged` with the fee invoice attached, not `invoice.finalized`. `next_invoice`
 * billing: a pending `fee` line per fee on the overdue invoice's subscription (from `subscriptions`, the batch's
 * locked rows), billed by its next invoice; without a live subscription, or one with no next invoice coming (paused
 * with `restart` billing until further notice), the fees get an invoice of their own.
 */
export async function billFees(
  session: StorageSession,
  ctx: EngineContext,
  bills: readonly FeeBill[],
  subscriptions: ReadonlyMap<string, Subscription>,
  now: string,
): Promise<BilledFees> {
  const fees: CollectionFee[] = [];
  const notifications: BillingNotification[] = [];
  const pending = new Map<string, Subscription>();
  const ownInvoice: FeeBill[] = [];
  for (const bill of bills) {
    const subscriptionId = bill.invoice.subscriptionId;
    const subscription =
      subscriptionId === undefined ? undefined : (pending.get(subscriptionId) ?? subscriptions.get(subscriptionId));
    if (
      bill.policy.fees.billing !== 'next_invoice' ||
      subscription === undefined ||
      !inDunningReach(subscription) ||
      // Paused with `restart` billing and no resumption set: no next invoice is coming.
      subscription.nextBillingAt === undefined
    ) {
      ownInvoice.push(bill);
      continue;
    }
    const lines: PendingLine[] = [];
    for (const charge of bill.charges) {
      const fee = feeRecord(charge, bill, { subscriptionId: subscription.id }, ctx.ids('fee'), now);
      fees.push(fee);
      const line = feeLine(charge, bill);
      lines.push({
        kind: 'fee',
        description: line.description,
        amount: fee.amount,
        ...(line.billingCode !== undefined ? { billingCode: line.billingCode } : {}),
        periodStart: now,
        periodEnd: now,
        feeId: fee.id,
      });
    }
    pending.set(subscription.id, { ...subscription, pendingLines: [...subscription.pendingLines, ...lines] });
    notifications.push(feeCharged(bill, sum(bill.charges, bill.invoice.currency), now));
  }
  const feeInvoices = await billOwnInvoices(session, ctx, ownInvoice, fees, notifications, now);
  return { fees, feeInvoices, subscriptions: [...pending.values()], notifications };
}

/** Σ the charges' amounts. */
function sum(charges: readonly FeeCharge[], currency: string): Money {
  return charges.reduce((total, charge) => total.add(charge.amount), money('0', currency));
}

/** `invoice.fee_charged` for a reminder's fees: gross on a fee invoice, net while they wait for the next invoice. */
function feeCharged(bill: FeeBill, amount: Money, now: string, feeInvoiceId?: string): BillingNotification {
  return {
    type: 'invoice.fee_charged',
    customerId: bill.invoice.customerId,
    invoiceId: bill.invoice.id,
    ...(feeInvoiceId !== undefined ? { feeInvoiceId } : {}),
    amount: amount.toString(),
    currency: bill.invoice.currency,
    reminderStep: bill.reminderStep,
    occurredAt: now,
  };
}

/** One fee invoice per bill: drafted, finalized (one number reservation) and stored. */
async function billOwnInvoices(
  session: StorageSession,
  ctx: EngineContext,
  bills: readonly FeeBill[],
  fees: CollectionFee[],
  notifications: BillingNotification[],
  now: string,
): Promise<Invoice[]> {
  if (bills.length === 0) return [];
  const rates = new Map<string, TaxRate>();
  const taxRatesOf = async (bill: FeeBill) => {
    if (!bill.policy.fees.taxable) return [];
    const own: TaxRate[] = [];
    for (const [index, id] of bill.customer.taxRateIds.entries()) {
      const rate =
        rates.get(id) ?? (await requireRecord(session.taxRates, id, 'tax rate', ['customer', 'taxRateIds', index]));
      rates.set(id, rate);
      own.push(rate);
    }
    return own;
  };
  const credit = new Map<string, Money>();
  for (const currency of new Set(bills.map((bill) => bill.invoice.currency))) {
    const ids = bills.filter((bill) => bill.invoice.currency === currency).map((bill) => bill.customer.id);
    for (const [customerId, balance] of await creditBalances(session, ids, currency)) {
      credit.set(`${customerId}\u0000${currency}`, money(balance, currency));
    }
  }
  const drafts: Invoice[] = [];
  for (const bill of bills) {
    const key = `${bill.customer.id}\u0000${bill.invoice.currency}`;
    const left = credit.get(key) ?? money('0', bill.invoice.currency);
    const draft = buildDraftInvoice(ctx, {
      customer: bill.customer,
      taxRates: await taxRatesOf(bill),
      billingReason: 'collections_fee',
      currency: bill.invoice.currency,
      lines: bill.charges.map((charge) => feeLine(charge, bill)),
      creditBalance: left.toString(),
      metadata: {},
    });
    credit.set(key, left.subtract(money(draft.creditApplied, draft.currency)));
    drafts.push(draft);
  }
  const customers = new Map(bills.map((bill) => [bill.customer.id, bill.customer]));
  // The fee invoices' own `invoice.finalized` is left out: the customer hears `invoice.fee_charged` instead.
  const { invoices } = await finalizeInvoices(session, ctx, drafts, customers);
  await session.invoices.insertMany(invoices);
  bills.forEach((bill, index) => {
    const feeInvoice = invoices[index] as Invoice;
    bill.charges.forEach((charge, line) => {
      const invoiceLineId = (feeInvoice.lines[line] as { id: string }).id;
      fees.push(feeRecord(charge, bill, { feeInvoiceId: feeInvoice.id, invoiceLineId }, ctx.ids('fee'), now));
    });
    notifications.push(feeCharged(bill, money(feeInvoice.total, feeInvoice.currency), now, feeInvoice.id));
  });
  return invoices;
}
