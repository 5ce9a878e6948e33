import type { PendingLine } from '../../domain/subscription';
import { money } from '../../money/money';
import type { RoundingMode } from '../../money/rounding-mode';
import { prorate } from '../../periods/prorate';

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
