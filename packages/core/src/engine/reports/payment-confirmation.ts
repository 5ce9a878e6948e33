import { money } from '../../money/money';
import type { ReceivedPayment, ReportRange } from '../../storage/report-queries';

/** One payment received, with what it paid. */
export interface PaymentConfirmationRow {
  readonly paymentId: string;
  readonly customerId: string;
  readonly receivedAt: string;
  readonly method: string;
  readonly reference?: string;
  readonly status: string;
  readonly currency: string;
  readonly amount: string;
  /** The invoices it was allocated to, with their numbers. */
  readonly allocations: ReceivedPayment['allocations'];
  /** What no invoice took: customer credit. */
  readonly unapplied: string;
  readonly amountRefunded: string;
}

/** The payments of one currency in the range. */
export interface PaymentConfirmationTotal {
  readonly currency: string;
  readonly payments: number;
  readonly received: string;
  readonly allocated: string;
  readonly unapplied: string;
  readonly refunded: string;
}

/** Payment confirmation: the payments received in a range, with their allocations, and totals per currency. */
export interface PaymentConfirmationReport extends ReportRange {
  /** By `receivedAt`, then payment id. */
  readonly rows: readonly PaymentConfirmationRow[];
  /** One per currency, alphabetically. */
  readonly totals: readonly PaymentConfirmationTotal[];
}

/** The payment confirmation report from the payments received (pure). */
export function buildPaymentConfirmation(
  received: readonly ReceivedPayment[],
  range: ReportRange,
): PaymentConfirmationReport {
  const rows = received
    .map(
      ({ payment, allocations }): PaymentConfirmationRow => ({
        paymentId: payment.id,
        customerId: payment.customerId,
        receivedAt: payment.receivedAt,
        method: payment.method,
        ...(payment.reference !== undefined ? { reference: payment.reference } : {}),
        status: payment.status,
        currency: payment.currency,
        amount: money(payment.amount, payment.currency).toString(),
        allocations: allocations.map((a) => ({ ...a, amount: money(a.amount, payment.currency).toString() })),
        unapplied: money(payment.unapplied, payment.currency).toString(),
        amountRefunded: money(payment.amountRefunded, payment.currency).toString(),
      }),
    )
    .sort((a, b) =>
      a.receivedAt !== b.receivedAt ? (a.receivedAt < b.receivedAt ? -1 : 1) : a.paymentId < b.paymentId ? -1 : 1,
    );
  const totals = new Map<
    string,
    { payments: number; received: string; allocated: string; unapplied: string; refunded: string }
  >();
  for (const row of rows) {
    const m = (amount: string) => money(amount, row.currency);
    const sum = totals.get(row.currency) ?? {
      payments: 0,
      received: '0',
      allocated: '0',
      unapplied: '0',
      refunded: '0',
    };
    const allocated = row.allocations.reduce((total, a) => total.add(m(a.amount)), m('0'));
    totals.set(row.currency, {
      payments: sum.payments + 1,
      received: m(sum.received).add(m(row.amount)).toString(),
      allocated: m(sum.allocated).add(allocated).toString(),
      unapplied: m(sum.unapplied).add(m(row.unapplied)).toString(),
      refunded: m(sum.refunded).add(m(row.amountRefunded)).toString(),
    });
  }
  return {
    from: range.from,
    to: range.to,
    rows,
    totals: [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, sum]) => ({ currency, ...sum })),
  };
}
