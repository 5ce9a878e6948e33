import { systemClock } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { instantOption, parseOptions } from '../parse-options';
import { agingReport } from '../reports/aging';
import { formatAging, formatRevenue } from '../reports/format-reports';
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
export const REPORT_HELP = `Usage: billfold report aging|revenue (--db URL | --db-file FILE | --data-dir DIR) [--now ISO] [options]

Reports computed from the stored invoices:
  aging     what each customer owes by days past due (current, 1-30, 31-60, 61-90, 90+), per currency
  revenue   revenue per month and billing code, net of discounts, tax and credit notes, per currency

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
  --now ISO         age as of / count until this instant (default: the current time)
  --json            print the report as JSON
  -h, --help        this help`;

const OPTIONS = { ...STORAGE_OPTIONS, ...CREATE_OPTION, now: { type: 'string' }, json: { type: 'boolean' } } as const;

const KINDS = ['aging', 'revenue'] as const;

/**
 * `billfold report aging|revenue`: see {@link REPORT_HELP}.
 * @returns the exit code.
 */
export async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('report', args, OPTIONS, 1);
  if (parsed.values.help) {
    io.out(REPORT_HELP);
    return ExitCode.ok;
  }
  const kind = parsed.positionals[0];
  if (kind === undefined) throw new UsageError('name the report: billfold report aging|revenue', 'report');
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown report "${kind}" (there are: ${KINDS.join(', ')})`, 'report');
  }
  const now = instantOption('report', parsed, 'now') ?? systemClock.now().toISOString();
  const target = storageTarget('report', parsed, { required: true, io });
  // Reports only read: a database is migrated only when --create starts a new one.
  const create = parsed.values.create === true;
  const storage = await openStorage(target, { migrate: create, existing: !create });
  let lines: string[];
  try {
    const invoices = await loadInvoices(storage);
    if (kind === 'aging') {
      const report = agingReport(invoices, now);
      lines = parsed.values.json ? [JSON.stringify(report, null, 2)] : formatAging(report);
    } else {
      const report = revenueReport(invoices, await loadCreditNotes(storage), now);
      lines = parsed.values.json ? [JSON.stringify(report, null, 2)] : formatRevenue(report);
    }
  } finally {
    await storage.close();
  }
  for (const line of lines) io.out(line);
  return ExitCode.ok;
}
