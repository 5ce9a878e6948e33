import type { Invoice } from '../../domain/invoice';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import { money } from '../../money/money';
import { type FailedPaymentRow, failedPaymentRow } from '../../storage/failed-payment-row';
import type { ReportRange } from '../../storage/report-queries';

export type { FailedPaymentRow } from '../../storage/failed-payment-row';

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
  invoices: ReadonlyMap<string, Pick<Invoice, 'number' | 'status'>>,
  range: ReportRange,
): FailedPaymentsReport {
  const rows = attempts.flatMap((attempt) => failedPaymentRow(attempt, invoices.get(attempt.invoiceId), range) ?? []);
  return buildFailedPaymentsReport(rows, range);
}

/**
 * The failed-payments report from its rows (pure; those of `storage.reports.failedPayments` or
 * {@link failedPaymentRow}): sorted by `failedAt` then attempt id, summed by decline code and by currency.
 */
export function buildFailedPaymentsReport(
  unsorted: readonly FailedPaymentRow[],
  range: ReportRange,
): FailedPaymentsReport {
  const rows = [...unsorted].sort((a, b) =>
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
