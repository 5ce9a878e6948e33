import {
  AGING_BUCKETS,
  type AgingReport,
  type CollectionsEffectivenessReport,
  type FailedPaymentsReport,
  type PaymentConfirmationReport,
} from '@billfold/core';

/** A text table: the first `left` columns aligned left (names), the others right (amounts). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: number): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The aging report as text: one row per customer and currency, then the totals per currency. */
export function formatAging(report: AgingReport): string[] {
  if (report.rows.length === 0) return [`Customer aging as of ${report.asOf}: nothing is owed.`];
  const header = ['Customer', 'Currency', 'Current', '1-30', '31-60', '61-90', '90+', 'Total', 'Invoices'];
  const rows = [
    ...report.rows.map((row) => [
      row.customerName,
      row.currency,
      ...AGING_BUCKETS.map((bucket) => row.buckets[bucket]),
      row.total,
      String(row.invoices),
    ]),
    ...report.totals.map((total) => [
      'Total',
      total.currency,
      ...AGING_BUCKETS.map((bucket) => total.buckets[bucket]),
      total.total,
      String(total.invoices),
    ]),
  ];
  return [`Customer aging as of ${report.asOf} (days past due)`, '', ...table(header, rows, 2)];
}

/** The payment confirmation as text: one row per payment and invoice it paid, then the totals per currency. */
export function formatPaymentConfirmation(report: PaymentConfirmationReport): string[] {
  const title = `Payments received from ${report.from} to ${report.to}`;
  if (report.rows.length === 0) return [`${title}: none.`];
  const rows: string[][] = [];
  for (const row of report.rows) {
    const paid = row.allocations.map((a) => `${a.number ?? a.invoiceId} ${a.amount}`).join(', ');
    rows.push([
      row.receivedAt.slice(0, 10),
      row.customerId,
      row.method,
      row.currency,
      row.amount,
      paid || '-',
      row.unapplied,
    ]);
  }
  for (const total of report.totals) {
    rows.push([
      'Total',
      `${total.payments} payments`,
      '',
      total.currency,
      total.received,
      total.allocated,
      total.unapplied,
    ]);
  }
  return [title, '', ...table(['Received', 'Customer', 'Method', 'Currency', 'Amount', 'Paid', 'Credit'], rows, 3)];
}

/** Collections effectiveness as text: per currency, DSO, recovery by reminder step and fees. */
export function formatCollectionsEffectiveness(report: CollectionsEffectivenessReport): string[] {
  const title = `Collections from ${report.from} to ${report.to} (${report.days} days)`;
  if (report.currencies.length === 0) return [`${title}: nothing invoiced or collected.`];
  const lines = [title];
  for (const row of report.currencies) {
    lines.push(
      '',
      `${row.currency}  invoiced ${row.invoiced}, still owed ${row.receivable}, DSO ${row.dso ?? '-'} days`,
      ...table(
        ['Paid after reminder', 'Invoices', 'Amount'],
        row.recoveredByStep.map((step) => [
          step.reminderStep === 0 ? 'none' : String(step.reminderStep),
          String(step.invoices),
          step.amount,
        ]),
        1,
      ),
    );
    if (row.fees.length > 0) {
      lines.push(
        ...table(
          ['Fees', 'Count', 'Charged', 'Waived'],
          row.fees.map((f) => [f.kind, String(f.fees), f.charged, f.waived]),
          1,
        ),
      );
    }
  }
  return lines;
}

/** Failed payments as text: one row per declined attempt, then the declines by code and the totals per currency. */
export function formatFailedPayments(report: FailedPaymentsReport): string[] {
  const title = `Failed payments from ${report.from} to ${report.to}`;
  if (report.rows.length === 0) return [`${title}: none.`];
  const rows = report.rows.map((row) => [
    row.failedAt.slice(0, 16).replace('T', ' '),
    row.customerId,
    row.invoiceNumber ?? row.invoiceId,
    String(row.attemptNumber),
    row.gateway,
    `${row.declineCode} (${row.declineKind})`,
    row.nextAttemptAt === undefined ? '-' : row.nextAttemptAt.slice(0, 16).replace('T', ' '),
    row.invoiceStatus,
    row.currency,
    row.amount,
  ]);
  return [
    title,
    '',
    ...table(
      [
        'Failed at',
        'Customer',
        'Invoice',
        'Attempt',
        'Gateway',
        'Decline',
        'Retry at',
        'Invoice now',
        'Currency',
        'Amount',
      ],
      rows,
      9,
    ),
    '',
    ...table(
      ['Decline code', 'Kind', 'Attempts'],
      report.byCode.map((code) => [code.code, code.kind, String(code.attempts)]),
      2,
    ),
    '',
    ...table(
      ['Currency', 'Attempts', 'Declined', 'Invoices', 'Recovered'],
      report.totals.map((t) => [t.currency, String(t.attempts), t.declined, String(t.invoices), String(t.recovered)]),
      1,
    ),
  ];
}
