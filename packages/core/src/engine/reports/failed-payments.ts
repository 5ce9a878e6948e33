import type { Invoice } from '../../domain/invoice';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { money } from '../../money/money';
import type { ReportRange } from '../../storage/report-queries';

/** One declined attempt. */
export interface FailedPaymentRow {
  readonly attemptId: string;
  readonly customerId: string;
  readonly invoiceId: string;
  readonly invoiceNumber?: string;
  readonly gateway: string;
  readonly attemptNumber: number;
  readonly trigger: PaymentAttempt['trigger'];
  /** When the decline was recorded. */
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

/** The declines of one code. */
export interface DeclineCodeTotal {
  readonly code: string;
  readonly kind: 'soft' | 'hard';
  readonly attempts: number;
}

/** The declines of one currency. */
export interface FailedPaymentTotal {
  readonly currency: string;
  readonly attempts: number;
  /** Σ the amounts of the declined attempts. */
  readonly declined: string;
  /** Invoices with a declined attempt in the range. */
  readonly invoices: number;
  /** Of those, the invoices paid since. */
  readonly recovered: number;
}

/** Failed payments: the gateway declines recorded in a range, with their codes, and what became of the invoices. */
export interface FailedPaymentsReport extends ReportRange {
  /** By `failedAt`, then attempt id. */
  readonly rows: readonly FailedPaymentRow[];
  /** By attempts (most first), then code. */
  readonly byCode: readonly DeclineCodeTotal[];
  /** One per currency, alphabetically. */
  readonly totals: readonly FailedPaymentTotal[];
}

/**
 * The failed-payments report from the declined attempts recorded in `[from, to)` and their invoices as they are now
 * (pure).
 */
export function buildFailedPayments(
  attempts: readonly PaymentAttempt[],
  invoices: ReadonlyMap<string, Invoice>,
  range: ReportRange,
): FailedPaymentsReport {
  const rows = attempts
    .filter((attempt) => attempt.status === 'failed' && attempt.decline !== undefined)
    .filter((attempt) => {
      const failedAt = attempt.failedAt ?? attempt.updatedAt;
      return failedAt >= range.from && failedAt < range.to;
    })
    .map((attempt): FailedPaymentRow => {
      const invoice = invoices.get(attempt.invoiceId);
      const decline = attempt.decline as NonNullable<PaymentAttempt['decline']>;
      return {
        attemptId: attempt.id,
        customerId: attempt.customerId,
        invoiceId: attempt.invoiceId,
        ...(invoice?.number !== undefined ? { invoiceNumber: invoice.number } : {}),
        gateway: attempt.gateway,
        attemptNumber: attempt.attemptNumber,
        trigger: attempt.trigger,
        failedAt: attempt.failedAt ?? attempt.updatedAt,
        currency: attempt.currency,
        amount: money(attempt.amount, attempt.currency).toString(),
        declineCode: decline.code,
        declineMessage: decline.message,
        declineKind: decline.kind,
        ...(attempt.dueAt !== undefined ? { nextAttemptAt: attempt.dueAt } : {}),
        invoiceStatus: invoice?.status ?? 'unknown',
      };
    })
    .sort((a, b) =>
      a.failedAt === b.failedAt ? (a.attemptId < b.attemptId ? -1 : 1) : a.failedAt < b.failedAt ? -1 : 1,
    );
  const codes = new Map<string, DeclineCodeTotal>();
  for (const row of rows) {
    const key = `${row.declineCode}\u0000${row.declineKind}`;
    const total = codes.get(key) ?? { code: row.declineCode, kind: row.declineKind, attempts: 0 };
    codes.set(key, { ...total, attempts: total.attempts + 1 });
  }
  const currencies = new Map<
    string,
    { attempts: number; declined: string; invoices: Set<string>; paid: Set<string> }
  >();
  for (const row of rows) {
    const total = currencies.get(row.currency) ?? {
      attempts: 0,
      declined: money('0', row.currency).toString(),
      invoices: new Set<string>(),
      paid: new Set<string>(),
    };
    total.attempts += 1;
    total.declined = money(total.declined, row.currency).add(money(row.amount, row.currency)).toString();
    total.invoices.add(row.invoiceId);
    if (row.invoiceStatus === 'paid') total.paid.add(row.invoiceId);
    currencies.set(row.currency, total);
  }
  return {
    ...range,
    rows,
    byCode: [...codes.values()].sort((a, b) => b.attempts - a.attempts || (a.code < b.code ? -1 : 1)),
    totals: [...currencies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, total]) => ({
        currency,
        attempts: total.attempts,
        declined: total.declined,
        invoices: total.invoices.size,
        recovered: total.paid.size,
      })),
  };
}
