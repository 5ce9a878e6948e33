import { resolve } from 'node:path';
import { createBilling, type IngestStreamProgress, type IngestStreamResult, isBillingError } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { integerOption, parseOptions, stringOption } from '../parse-options';
import { describeTarget, openStorage, STORAGE_HELP, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import type { EventLines } from '../usage-import/event-lines';
import { formatOfPath, readUsageFile, type UsageFileFormat } from '../usage-import/usage-file-events';
import { ExitCode, UsageError } from '../usage-error';

/** The help of `billfold import-usage`. */
export const IMPORT_USAGE_HELP = `Usage: billfold import-usage FILE (--db URL | --data-dir DIR) [options]

Stores the usage events of a file, batch by batch, printing progress to stderr while it runs:
  NDJSON (.ndjson, .jsonl)  one event per line: {"id":"evt_1","customerId":"cus_1","eventName":"data","properties":{"gb":"2.5"}}
  CSV (.csv)                a header row: id,customerId,eventName and optionally subscriptionId,timestamp; every
                            other column is a property (gb); an empty cell is an absent field
Every event is checked. A bad one stops the import and names its line: the batches before it stay stored, and
importing the file again is safe (event ids their customer sent before are skipped as duplicates).

Options:
${STORAGE_HELP.join('\n')}
  --format F        ndjson or csv (default: from the file's extension)
  --batch-size N    events per transaction (default 5000, at most 10000)
  --concurrency N   batches written at once on a PostgreSQL server (default 2; PGlite writes one)
  --json            print the summary as JSON
  -h, --help        this help`;

const OPTIONS = {
  ...STORAGE_OPTIONS,
  format: { type: 'string' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** At most one progress line per this many milliseconds. */
const PROGRESS_EVERY_MS = 1000;

/** `1234567` → `1,234,567`. */
const count = (value: number) => value.toLocaleString('en-US');

/** The file's format: `--format`, else its extension. */
function fileFormat(path: string, given: string | undefined): UsageFileFormat {
  if (given === 'ndjson' || given === 'csv') return given;
  if (given !== undefined) throw new UsageError(`--format must be ndjson or csv (got "${given}")`, 'import-usage');
  const format = formatOfPath(path);
  if (format === undefined) {
    throw new UsageError(
      `cannot tell the format of ${path} from its name: pass --format ndjson or csv`,
      'import-usage',
    );
  }
  return format;
}

/** An engine error about event N of the stream, told by the file's line. */
function atLine(error: unknown, lines: EventLines): unknown {
  if (!isBillingError(error) || error.path?.[0] !== 'events' || typeof error.path[1] !== 'number') return error;
  const line = lines.lineOf(error.path[1]);
  return line === undefined ? error : new Error(`line ${line}: ${error.message}`, { cause: error });
}

/** The lines `billfold import-usage` prints for what it stored. */
export function formatImportSummary(result: IngestStreamResult, file: string, target: string): string[] {
  return [
    `Imported ${file} into ${target}`,
    `  events       ${count(result.events)}`,
    `  stored       ${count(result.inserted)}`,
    `  duplicates   ${count(result.duplicates)} (sent before: skipped)`,
    `  batches      ${count(result.batches)}`,
  ];
}

/**
 * `billfold import-usage`: see {@link IMPORT_USAGE_HELP}.
 * @returns the exit code: 1 when a line is not a valid event (what came before it is stored).
 */
export async function importUsageCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('import-usage', args, OPTIONS, 1);
  if (parsed.values.help) {
    io.out(IMPORT_USAGE_HELP);
    return ExitCode.ok;
  }
  const [file] = parsed.positionals;
  if (file === undefined) throw new UsageError('name the usage file to import', 'import-usage');
  const path = resolve(io.cwd, file);
  const format = fileFormat(path, stringOption(parsed, 'format'));
  const batchSize = integerOption('import-usage', parsed, 'batch-size', { min: 1, max: 10_000, fallback: 5000 });
  const concurrency = integerOption('import-usage', parsed, 'concurrency', { min: 1, max: 8, fallback: 2 });
  const target = storageTarget('import-usage', parsed, { required: true, cwd: io.cwd });
  const storage = await openStorage(target, { existing: true });
  const { events, lines } = readUsageFile(path, format);
  const started = io.elapsed();
  let printed = started;
  let stored: IngestStreamProgress | undefined;
  const onBatch = (progress: IngestStreamProgress) => {
    stored = progress;
    const now = io.elapsed();
    if (now - printed < PROGRESS_EVERY_MS) return;
    printed = now;
    const rate = Math.round(progress.events / ((now - started) / 1000));
    io.err(
      `[${(now / 1000).toFixed(1)}s] ${count(progress.events)} events (${count(rate)}/s): ${count(progress.inserted)} stored, ${count(progress.duplicates)} duplicates`,
    );
  };
  let result: IngestStreamResult;
  try {
    // Events without a timestamp are stamped with the current time (the system clock).
    const billing = createBilling({ storage });
    result = await billing.usage.ingestStream(events, { batchSize, concurrency, onBatch });
  } catch (error) {
    if (stored !== undefined) {
      io.err(
        `stopped after ${count(stored.events)} events in ${count(stored.batches)} batch${stored.batches === 1 ? '' : 'es'}, which are stored (importing again skips them)`,
      );
    }
    throw atLine(error, lines);
  } finally {
    await storage.close();
  }
  if (parsed.values.json) io.out(JSON.stringify(result, null, 2));
  else for (const line of formatImportSummary(result, file, describeTarget(target))) io.out(line);
  return ExitCode.ok;
}
