import { createBilling, systemClock } from '@billfold/core';
import { agingReportToCsv, collectionsEffectivenessToCsv, paymentConfirmationToCsv } from '@billfold/documents';
import type { CliIo } from '../cli-io';
import { instantOption, parseOptions, stringOption } from '../parse-options';
import {
  formatAging,
  formatCollectionsEffectiveness,
  formatFailedPayments,
  formatPaymentConfirmation,
  formatRevenue,
} from '../reports/format-reports';
import { loadCreditNotes, loadInvoices } from '../reports/load-records';
import { revenueReport } from '../reports/revenue';
import {
  CREATE_HELP,
  CREATE_OPTION,
  openStorage,
  STORAGE_HELP,
  STORAGE_OPTIONS,
  storageTarget,
} from '../storage-from-args';
import { ExitCode, UsageError } from '../usage-error';

/** The help of `billfold report`. */
export const REPORT_HELP = `Usage: billfold report aging|payments|failed-payments|collections|revenue (--db URL | --db-file FILE | --data-dir DIR) [options]

Reports computed from the stored records (set-based queries on the database):
  aging        what each customer owes by days past due in their time zone (current, 1-30, 31-60, 61-90, 90+),
               per currency, as of --now
  payments     payment confirmation: the payments received from --from to --to, with the invoices they paid
  collections  collections effectiveness from --from to --to: DSO, what was recovered after which reminder, fees
  failed-payments  the gateway declines recorded from --from to --to (decline code, soft or hard, the retry planned),
               per decline code, and how many of their invoices were recovered since (text or json)
  revenue      revenue per month and billing code, net of discounts, tax and credit notes, per currency, until --now

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
  --now ISO         age as of / count until this instant (default: the current time)
  --from ISO        the start of the range of payments and collections (default: 30 days before --to)
  --to ISO          its end, exclusive (default: --now)
  --format FORMAT   text (default), csv or json (revenue: text or json)
  --json            the same as --format json
  -h, --help        this help`;

const OPTIONS = {
  ...STORAGE_OPTIONS,
  ...CREATE_OPTION,
  now: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const KINDS = ['aging', 'payments', 'failed-payments', 'collections', 'revenue'] as const;
const FORMATS = ['text', 'csv', 'json'] as const;

/** A report in its three forms. */
interface Rendered {
  readonly text: () => string[];
  readonly csv?: () => string;
  readonly json: () => unknown;
}

/**
 * `billfold report aging|payments|failed-payments|collections|revenue`: see {@link REPORT_HELP}.
 * @returns the exit code.
 */
export async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('report', args, OPTIONS, 1);
  if (parsed.values.help) {
    io.out(REPORT_HELP);
    return ExitCode.ok;
  }
  const kind = parsed.positionals[0];
  if (kind === undefined) throw new UsageError(`name the report: billfold report ${KINDS.join('|')}`, 'report');
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown report "${kind}" (there are: ${KINDS.join(', ')})`, 'report');
  }
  const format = parsed.values.json ? 'json' : (stringOption(parsed, 'format') ?? 'text');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`, 'report');
  }
  if (format === 'csv' && (kind === 'revenue' || kind === 'failed-payments')) {
    throw new UsageError(`the ${kind} report has no CSV form`, 'report');
  }
  const now = instantOption('report', parsed, 'now') ?? systemClock.now().toISOString();
  const to = instantOption('report', parsed, 'to') ?? now;
  const from = instantOption('report', parsed, 'from') ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  const target = storageTarget('report', parsed, { required: true, io });
  // Reports only read: a database is migrated only when --create starts a new one.
  const create = parsed.values.create === true;
  const storage = await openStorage(target, { migrate: create, existing: !create });
  let rendered: Rendered;
  try {
    const { reports } = createBilling({ storage });
    if (kind === 'aging') {
      const report = await reports.aging({ asOf: now });
      rendered = { text: () => formatAging(report), csv: () => agingReportToCsv(report), json: () => report };
    } else if (kind === 'payments') {
      const report = await reports.paymentConfirmation({ from, to });
      rendered = {
        text: () => formatPaymentConfirmation(report),
        csv: () => paymentConfirmationToCsv(report),
        json: () => report,
      };
    } else if (kind === 'failed-payments') {
      const report = await reports.failedPayments({ from, to });
      rendered = { text: () => formatFailedPayments(report), json: () => report };
    } else if (kind === 'collections') {
      const report = await reports.collectionsEffectiveness({ from, to });
      rendered = {
        text: () => formatCollectionsEffectiveness(report),
        csv: () => collectionsEffectivenessToCsv(report),
        json: () => report,
      };
    } else {
      const report = revenueReport(await loadInvoices(storage), await loadCreditNotes(storage), now);
      rendered = { text: () => formatRevenue(report), json: () => report };
    }
  } finally {
    await storage.close();
  }
  if (format === 'json') io.out(JSON.stringify(rendered.json(), null, 2));
  else if (format === 'csv') io.out((rendered.csv as () => string)().trimEnd());
  else for (const line of rendered.text()) io.out(line);
  return ExitCode.ok;
}
