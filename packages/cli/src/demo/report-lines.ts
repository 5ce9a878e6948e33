import { AGING_BUCKETS } from '@billfold/core';
import type { ScenarioResult } from './scenario';

/** Labels a printout line: the label on the first line of a block, blanks after. */
type Label = (text: string, first?: boolean) => string;

/** Revenue recognised per month and currency, as `2026-01  EUR invoiced 1234.00, credited 12.00, net 1222.00`. */
function revenueLines({ revenue }: ScenarioResult, label: Label): string[] {
  return [
    `${label('Revenue')}recognised over each service period, net of discounts and tax (billfold report revenue):`,
    ...revenue.totals.map(
      (row) =>
        `${label('', false)}${row.month}  ${row.currency} invoiced ${row.invoiced}, credited ${row.credited}, ` +
        `net ${row.net}`,
    ),
  ];
}

/** MRR and ARR at each month's end with their movements (`billfold report mrr`). */
function mrrLines({ mrr }: ScenarioResult, label: Label): string[] {
  return [
    `${label('MRR / ARR')}at each month's end, with new, expansion, contraction and churn (billfold report mrr):`,
    ...mrr.months.map(
      (row) =>
        `${label('', false)}${row.month}  ${row.currency} MRR ${row.closing}, ARR ${row.arr} (opening ${row.opening}, ` +
        `new ${row.new}, expansion ${row.expansion}, contraction ${row.contraction}, churn ${row.churn}), ` +
        `${row.customers} customers`,
    ),
  ];
}

/** What customers owe at the end, per currency and aging bucket (`billfold report aging`). */
function agingLines({ aging }: ScenarioResult, label: Label): string[] {
  const lines = [
    `${label('Aging')}what customers owe on ${aging.asOf.slice(0, 10)} by days past due (billfold report aging):`,
  ];
  if (aging.totals.length === 0) lines.push(`${label('', false)}nothing is owed`);
  for (const total of aging.totals) {
    const buckets = AGING_BUCKETS.map((bucket) => `${bucket} ${total.buckets[bucket]}`).join(', ');
    lines.push(`${label('', false)}${total.currency} ${buckets}: ${total.total} on ${total.invoices} invoices`);
  }
  return lines;
}

/** The reports the demo ends with: revenue (recognised), MRR / ARR movements and customer aging. */
export function reportLines(result: ScenarioResult, label: Label): string[] {
  return [...revenueLines(result, label), '', ...mrrLines(result, label), '', ...agingLines(result, label)];
}
