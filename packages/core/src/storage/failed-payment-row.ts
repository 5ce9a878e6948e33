import type { Invoice } from '../domain/invoice';
import type { PaymentAttempt } from '../domain/payment-attempt';
import { money } from '../money/money';
import type { ReportRange } from './report-queries';

/** One declined attempt, as the failed-payments report lists it. */
export interface FailedPaymentRow {
  readonly attemptId: string;
  readonly customerId: string;
  readonly invoiceId: string;
  readonly invoiceNumber?: string;
  readonly gateway: string;
  readonly attemptNumber: number;
  readonly trigger: PaymentAttempt['trigger'];
  /** When the decline was recorded (`failedAt`, else the attempt's `updatedAt`). */
  readonly failedAt: string;
  readonly currency: string;
  readonly amount: string;
  readonly declineCode: string;
  readonly declineMessage: string;
  readonly declineKind: 'soft' | 'hard';
  /** When the retry is due, while one is planned. */
  readonly nextAttemptAt?: string;
  /** Where the invoice stands now: `paid` (recovered, by a retry or otherwise), `open` or another status. */
  readonly invoiceStatus: string;
}

/**
 * The report row of a declined attempt whose decline was recorded in `[from, to)`, with its invoice's number and
 * status as they are now (`unknown` without the invoice); `undefined` for any other attempt. Pure: the one
 * definition the list-based query and an adapter's own query share.
 */
export function failedPaymentRow(
  attempt: PaymentAttempt,
  invoice: Pick<Invoice, 'number' | 'status'> | undefined,
  range: ReportRange,
): FailedPaymentRow | undefined {
  const failedAt = attempt.failedAt ?? attempt.updatedAt;
  const decline = attempt.decline;
  if (attempt.status !== 'failed' || decline === undefined || failedAt < range.from || failedAt >= range.to) {
    return undefined;
  }
  return {
    attemptId: attempt.id,
    customerId: attempt.customerId,
    invoiceId: attempt.invoiceId,
    ...(invoice?.number !== undefined ? { invoiceNumber: invoice.number } : {}),
    gateway: attempt.gateway,
    attemptNumber: attempt.attemptNumber,
    trigger: attempt.trigger,
    failedAt,
    currency: attempt.currency,
    amount: money(attempt.amount, attempt.currency).toString(),
    declineCode: decline.code,
    declineMessage: decline.message,
    declineKind: decline.kind,
    ...(attempt.dueAt !== undefined ? { nextAttemptAt: attempt.dueAt } : {}),
    invoiceStatus: invoice?.status ?? 'unknown',
  };
}
