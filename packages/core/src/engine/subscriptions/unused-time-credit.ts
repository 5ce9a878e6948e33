import type { PendingLine, Subscription } from '../../domain/subscription';
import type { LineTexts } from '../../invoice/line-texts';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { prorate } from '../../periods/prorate';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { recordBalanceEntry } from '../ledger/credit-balance';
import { currentPeriodCharges, invoicedAfter } from './period-charges';

/**
 * Pending lines that take back the part after `at` of pending proration lines running to `periodEnd`, so a
 * subscription ended early (or paused) is not charged (or credited) for time it no longer has; worded by `texts`.
 */
export function reversePendingAfter(
  lines: readonly PendingLine[],
  currency: string,
  at: string,
  periodEnd: string,
  roundingMode: RoundingMode,
  texts: LineTexts,
): PendingLine[] {
  const reversals: PendingLine[] = [];
  for (const line of lines) {
    if (line.kind !== 'proration' || line.periodEnd !== periodEnd || line.periodStart === undefined) continue;
    const period = { start: line.periodStart, end: periodEnd };
    const share = prorate(money(line.amount, currency), period, { start: at, end: periodEnd }, { roundingMode });
    if (share.isZero()) continue;
    const start = at > line.periodStart ? at : line.periodStart;
    reversals.push({
      ...line,
      description: texts.cancelled(line.description),
      amount: share.negate().toString(),
      periodStart: start,
    });
  }
  return reversals;
}

/** What {@link creditUnusedTime} did: the credit recorded (absent when none) and the pending lines after it. */
export interface UnusedTimeCredit {
  readonly creditIssued?: string;
  readonly pendingLines: PendingLine[];
}

/**
 * Gives back what a subscription's current period was paid for beyond `at`, inside the caller's transaction (under
 * the customer's ledger lock): what its invoices charged for that time, with tax, less credit notes (void invoices
 * charged nothing), becomes a `proration` balance entry — never below zero: ending early gives back, it does not
 * charge — and its pending proration lines are cut back to `at`. Used when a subscription ends now or pauses.
 */
export async function creditUnusedTime(
  session: StorageSession,
  ctx: EngineContext,
  subscription: Subscription,
  at: string,
  texts: LineTexts,
): Promise<UnusedTimeCredit> {
  const { currentPeriodEnd, currency } = subscription;
  const mode = ctx.config.roundingMode;
  const reversals = reversePendingAfter(subscription.pendingLines, currency, at, currentPeriodEnd, mode, texts);
  const pendingLines = [...subscription.pendingLines, ...reversals];
  const charged = await currentPeriodCharges(session, subscription);
  const credit = invoicedAfter(charged, at, currency, mode);
  if (credit.isZero() || credit.isNegative()) return { pendingLines };
  await recordBalanceEntry(session, ctx, {
    customerId: subscription.customerId,
    currency,
    amount: credit.toString(),
    type: 'proration',
    ...(charged.invoiceId === undefined ? {} : { referenceId: charged.invoiceId }),
  });
  return { creditIssued: credit.toString(), pendingLines };
}
