import type { Invoice } from '../../domain/invoice';
import type { PendingLine, Subscription } from '../../domain/subscription';
import { type Money, money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { prorate } from '../../periods/prorate';
import type { StorageSession } from '../../storage/storage-adapter';

/**
 * The invoice that charged the subscription's current period in advance: the boundary invoice whose
 * `periodStart` is `currentPeriodStart`.
 */
export async function currentPeriodInvoice(
  session: StorageSession,
  subscription: Subscription,
): Promise<Invoice | undefined> {
  let cursor: string | undefined;
  do {
    const page = await session.invoices.list({
      subscriptionId: subscription.id,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = page.items.find(
      (invoice) =>
        invoice.periodStart === subscription.currentPeriodStart &&
        (invoice.billingReason === 'subscription_create' || invoice.billingReason === 'subscription_cycle'),
    );
    if (found !== undefined) return found;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return undefined;
}

/**
 * What the customer paid on `invoice` for the time after `at` of the in-advance lines that run to `periodEnd`:
 * per line, what was paid (after discount, with tax) prorated by the second over the line's period.
 */
export function unusedPaid(invoice: Invoice, at: string, periodEnd: string, roundingMode: RoundingMode): Money {
  let credit = money('0', invoice.currency);
  for (const line of invoice.lines) {
    if (line.kind !== 'subscription' || line.periodStart === undefined || line.periodEnd !== periodEnd) continue;
    // Paid = taxable amount plus its taxes (equal to amount − discount for tax-inclusive lines).
    const paid = line.taxes.reduce(
      (sum, tax) => sum.add(money(tax.amount, invoice.currency)),
      money(line.taxableAmount, invoice.currency),
    );
    const period = { start: line.periodStart, end: line.periodEnd };
    credit = credit.add(prorate(paid, period, { start: at, end: line.periodEnd }, { roundingMode }));
  }
  return credit;
}

/**
 * Pending lines that take back the part after `at` of pending proration lines running to `periodEnd`, so a
 * subscription ended early is not charged (or credited) for time it no longer has.
 */
export function reversePendingAfter(
  lines: readonly PendingLine[],
  currency: string,
  at: string,
  periodEnd: string,
  roundingMode: RoundingMode,
): PendingLine[] {
  const reversals: PendingLine[] = [];
  for (const line of lines) {
    if (line.kind !== 'proration' || line.periodEnd !== periodEnd) continue;
    const period = { start: line.periodStart, end: line.periodEnd };
    const share = prorate(money(line.amount, currency), period, { start: at, end: periodEnd }, { roundingMode });
    if (share.isZero()) continue;
    const start = at > line.periodStart ? at : line.periodStart;
    reversals.push({
      ...line,
      description: `Cancelled: ${line.description}`,
      amount: share.negate().toString(),
      periodStart: start,
    });
  }
  return reversals;
}
