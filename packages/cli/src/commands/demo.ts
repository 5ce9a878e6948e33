import { isAbsolute, resolve } from 'node:path';
import type { BillingStorageAdapter } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { formatDemo } from '../demo/print';
import { DEMO_START, runScenario } from '../demo/scenario';
import { pickShowcaseInvoices, writeInvoiceDocuments } from '../demo/write-documents';
import { integerOption, parseOptions, stringOption } from '../parse-options';
import { createProgress, type Progress } from '../progress';
import { describeTarget, openStorage, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import { ExitCode } from '../usage-error';

/** The help of `billfold demo`. */
export const DEMO_HELP = `Usage: billfold demo [options]

Plays a small internet provider through a few months on a test clock: catalog, customers, subscriptions,
metered data, monthly billing runs, plan changes with proration, cancellations, credit notes, manual
payments and card payments charged automatically through an in-process sandbox gateway (test cards, no
money moves; declines retried by the morning collections run). Prints each month's invoices, payments, card
charges and outstanding balance per currency, the failed-payments report, and writes a few invoices as HTML,
PDF, CSV and (EU VAT only) UBL. Ends with the revenue recognised per month, MRR / ARR with its movements and
customer aging. The same options always print the same figures.

Options:
  --customers N     how many customers (default 50, at most 500)
  --months N        how many months from 2026-01 (default 3, at most 24)
  --out DIR         where the documents go (default ./billfold-demo-output)
  --db URL          run on a PostgreSQL server instead of in-memory PGlite; the demo's schema
                    (default billfold_demo) is dropped and recreated; a URL with a password goes in
                    BILLFOLD_DATABASE_URL or a file (--db-file), never on the command line
  --db-file FILE    the PostgreSQL URL read from a file
  --data-dir DIR    run on PGlite kept in a folder (same schema rule as --db)
  --schema NAME     the demo's schema with --db or --data-dir (default billfold_demo)
  -h, --help        this help`;

const OPTIONS = {
  customers: { type: 'string' },
  months: { type: 'string' },
  out: { type: 'string' },
  ...STORAGE_OPTIONS,
} as const;

/** What `billfold demo` runs, after its arguments are read. */
export interface DemoSettings {
  readonly customers: number;
  readonly months: number;
  /** Absolute path of the documents folder. */
  readonly outDir: string;
}

/**
 * Plays the demo on an open storage (empty schema) and writes its documents: the whole of `billfold demo` but
 * opening and closing the storage. Returns the printout's lines.
 */
export async function playDemo(
  storage: BillingStorageAdapter,
  settings: DemoSettings,
  target: string,
  progress: Progress,
): Promise<string[]> {
  const result = await runScenario(storage, { customers: settings.customers, months: settings.months, progress });
  const showcases = pickShowcaseInvoices(result.invoices, result.customers);
  await progress.step(
    'writing documents',
    () =>
      writeInvoiceDocuments(
        settings.outDir,
        showcases.map((s) => s.invoice),
      ),
    (paths) => `${paths.length} files`,
  );
  return formatDemo({ result, target, showcases, outDir: settings.outDir });
}

/**
 * `billfold demo`: see {@link DEMO_HELP}.
 * @returns the exit code.
 */
export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('demo', args, OPTIONS);
  if (parsed.values.help) {
    io.out(DEMO_HELP);
    return ExitCode.ok;
  }
  const customers = integerOption('demo', parsed, 'customers', { min: 1, max: 500, fallback: 50 });
  const months = integerOption('demo', parsed, 'months', { min: 1, max: 24, fallback: 3 });
  const out = stringOption(parsed, 'out') ?? 'billfold-demo-output';
  const outDir = isAbsolute(out) ? out : resolve(io.cwd, out);
  const target = storageTarget('demo', parsed, { required: false, io, defaultSchema: 'billfold_demo' });
  const progress = createProgress({ write: io.err, elapsed: io.elapsed });

  const storage = await progress.step(`opening ${describeTarget(target)}`, () =>
    openStorage(target, { fresh: target.kind !== 'memory' }),
  );
  let lines: string[];
  try {
    lines = await playDemo(storage, { customers, months, outDir }, describeTarget(target), progress);
  } finally {
    await storage.close();
  }
  for (const line of lines) io.out(line);
  if (target.kind !== 'memory') {
    const where = target.kind === 'server' ? '--db …' : `--data-dir ${target.dir}`;
    const start = new Date(DEMO_START);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
    io.out('');
    io.out(
      `Records kept in schema ${target.schema}: billfold report aging ${where} --schema ${target.schema} --now ${end}`,
    );
  }
  io.err(`billfold demo: done in ${(io.elapsed() / 1000).toFixed(1)}s`);
  return ExitCode.ok;
}
