import { type Billing, listAll } from '@billfold/core';
import type { MonthWindow } from './month-plan';
import type { MonthTally } from './month-tally';

/**
 * Counts the month's card charges as the ledger holds them (the engine charged them inside other operations: at
 * finalization, and retries in the morning collections runs): each payment a gateway attempt recorded in the month
 * goes into `tally` as a payment (and a retry's as a recovery), each decline recorded in the month by its code.
 */
export async function tallyCardCharges(billing: Billing, window: MonthWindow, tally: MonthTally): Promise<void> {
  const within = (at: string) => at >= window.start && at < window.end;
  const succeeded = await listAll((page) => billing.payments.listAttempts({ ...page, status: 'succeeded' }));
  for (const attempt of succeeded) {
    // An attempt is last written when its payment is recorded: earlier months' attempts are skipped unread.
    if (attempt.paymentId === undefined || attempt.updatedAt < window.start) continue;
    const payment = await billing.payments.get(attempt.paymentId);
    if (!within(payment.receivedAt)) continue;
    tally.addPayment(payment);
    if (attempt.attemptNumber > 1) tally.cardRecoveries += 1;
  }
  const failed = await listAll((page) => billing.payments.listAttempts({ ...page, status: 'failed' }));
  for (const attempt of failed) {
    if (attempt.decline !== undefined && within(attempt.failedAt ?? attempt.updatedAt)) {
      tally.addCardDecline(attempt.decline.code);
    }
  }
}
