import { type Billing, createBilling, systemClock } from '@billfold/core';
import {
  agingReportToCsv,
  collectionsEffectivenessToCsv,
  failedPaymentsToCsv,
  mrrReportToCsv,
  onboardingReportToCsv,
  paymentConfirmationToCsv,
  revenueReportToCsv,
  unreconciledCashToCsv,
} from '@billfold/documents';
import type { CliIo } from '../cli-io';
import { instantOption, parseOptions, stringOption } from '../parse-options';
import { formatMrr, formatOnboarding, formatRevenue, formatUnreconciledCash } from '../reports/format-business-reports';
import {
  formatAging,
  formatCollectionsEffectiveness,
  formatFailedPayments,
  formatPaymentConfirmation,
} from '../reports/format-reports';
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
export const REPORT_HELP = `Usage: billfold report aging|payments|failed-payments|collections|revenue|onboarding|mrr|cash (--db URL | --db-file FILE | --data-dir DIR) [options]

Reports computed from the stored records (set-based queries on the database):
  aging        what each customer owes by days past due in their time zone (current, 1-30, 31-60, 61-90, 90+),
               per currency, as of --now
  payments     payment confirmation: the payments received from --from to --to, with the invoices they paid
  collections  collections effectiveness from --from to --to: DSO, what was recovered after which reminder, fees
  failed-payments  the gateway declines recorded from --from to --to (decline code, soft or hard, the retry planned),
               per decline code, and how many of their invoices were recovered since
  revenue      revenue per month by billing code and product category, recognised over each service period (a
               yearly invoice spreads over its 12 months), net of discounts, tax and credit notes
  onboarding   new customers per month from --from to --to, days to their first invoice and payment, trials
               ended and converted
  mrr          MRR and ARR at each month's end with new, expansion, contraction and churn
  cash         unreconciled cash: imported bank credits waiting for a person, payments no invoice took

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
  --now ISO         age as of / count until this instant (default: the current time)
  --from ISO        the start of the range of payments and collections (default: 30 days before --to)
  --to ISO          its end, exclusive (default: --now)
  --from-month YYYY-MM, --to-month YYYY-MM
                    the months of revenue and mrr, both included (default: the 12 months up to --now's)
  --format FORMAT   text (default), csv or json
  --json            the same as --format json
  -h, --help        this help`;

const OPTIONS = {
  ...STORAGE_OPTIONS,
  ...CREATE_OPTION,
  now: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'from-month': { type: 'string' },
  'to-month': { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const KINDS = ['aging', 'payments', 'failed-payments', 'collections', 'revenue', 'onboarding', 'mrr', 'cash'] as const;
type Kind = (typeof KINDS)[number];
const FORMATS = ['text', 'csv', 'json'] as const;

/** A report in its forms: text, CSV and JSON. */
interface Rendered {
  readonly text: () => string[];
  readonly csv: () => string;
  readonly json: () => unknown;
}

/** A report as text, CSV and JSON. */
const rendered = <R>(report: R, text: (r: R) => string[], csv: (r: R) => string): Rendered => ({
  text: () => text(report),
  csv: () => csv(report),
  json: () => report,
});

/** A month flag (`2026-03`), or `undefined` when absent. */
function monthOption(parsed: Parameters<typeof stringOption>[0], name: string): string | undefined {
  const text = stringOption(parsed, name);
  if (text !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) {
    throw new UsageError(`--${name} must be a month as YYYY-MM (got "${text}")`, 'report');
  }
  return text;
}

/** The report of `kind` over the ranges the flags gave. */
function renderers(
  reports: Billing['reports'],
  range: { readonly now: string; readonly from: string; readonly to: string },
  months: { readonly fromMonth: string; readonly toMonth: string },
): Record<Kind, () => Promise<Rendered>> {
  const { now, from, to } = range;
  return {
    aging: async () => rendered(await reports.aging({ asOf: now }), formatAging, agingReportToCsv),
    payments: async () =>
      rendered(await reports.paymentConfirmation({ from, to }), formatPaymentConfirmation, paymentConfirmationToCsv),
    'failed-payments': async () =>
      rendered(await reports.failedPayments({ from, to }), formatFailedPayments, failedPaymentsToCsv),
    collections: async () =>
      rendered(
        await reports.collectionsEffectiveness({ from, to }),
        formatCollectionsEffectiveness,
        collectionsEffectivenessToCsv,
      ),
    revenue: async () => rendered(await reports.revenue(months), formatRevenue, revenueReportToCsv),
    onboarding: async () => rendered(await reports.onboarding({ from, to }), formatOnboarding, onboardingReportToCsv),
    mrr: async () => rendered(await reports.mrr(months), formatMrr, mrrReportToCsv),
    cash: async () => rendered(await reports.unreconciledCash(), formatUnreconciledCash, unreconciledCashToCsv),
  };
}

/**
 * `billfold report aging|payments|failed-payments|collections|revenue|onboarding|mrr|cash`: see {@link REPORT_HELP}.
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
  const now = instantOption('report', parsed, 'now') ?? systemClock.now().toISOString();
  const to = instantOption('report', parsed, 'to') ?? now;
  const from = instantOption('report', parsed, 'from') ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  // Months of revenue and MRR: by default the 12 months up to the one --now (exclusive) falls in.
  const lastMonth = new Date(Date.parse(now) - 1).toISOString().slice(0, 7);
  const toMonth = monthOption(parsed, 'to-month') ?? lastMonth;
  const [year, month] = toMonth.split('-').map(Number) as [number, number];
  const fromMonth =
    monthOption(parsed, 'from-month') ?? new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 7);
  const target = storageTarget('report', parsed, { required: true, io });
  // Reports only read: a database is migrated only when --create starts a new one.
  const create = parsed.values.create === true;
  const storage = await openStorage(target, { migrate: create, existing: !create });
  let report: Rendered;
  try {
    const { reports } = createBilling({ storage, clock: { now: () => new Date(now) } });
    report = await renderers(reports, { now, from, to }, { fromMonth, toMonth })[kind as Kind]();
  } finally {
    await storage.close();
  }
  if (format === 'json') io.out(JSON.stringify(report.json(), null, 2));
  else if (format === 'csv') io.out(report.csv().trimEnd());
  else for (const line of report.text()) io.out(line);
  return ExitCode.ok;
}
