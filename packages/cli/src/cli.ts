/**
 * `billfold`: the command line of Billfold — a month-by-month demo, billing and collections runs, the notification
 * outbox, usage imports, bank reconciliation, aging, payments, failed-payments, collections, revenue, onboarding, MRR
 * and cash reports, and database migrations.
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliIo, processIo } from './cli-io';
import { cliVersion } from './cli-version';
import { COLLECTIONS_HELP, collectionsCommand } from './commands/collections';
import { DEMO_HELP, demoCommand } from './commands/demo';
import { IMPORT_USAGE_HELP, importUsageCommand } from './commands/import-usage';
import { MIGRATE_HELP, migrateCommand } from './commands/migrate';
import { OUTBOX_HELP, outboxCommand } from './commands/outbox';
import { PORTAL_HELP, portalCommand } from './commands/portal';
import { RECONCILE_HELP, reconcileCommand } from './commands/reconcile';
import { REPORT_HELP, reportCommand } from './commands/report';
import { RUN_HELP, runCommand } from './commands/run';
import { redactingIo } from './secrets';
import { ExitCode, UsageError } from './usage-error';

/** The help of `billfold` itself. */
export const HELP = `Usage: billfold <command> [options]

Commands:
  demo         play an internet provider through three months of billing and print what happened
  run          run one billing cycle on a database (and send its notifications as email)
  collections  send reminders, flag overdue invoices, charge past-due fees and dun subscriptions
  outbox       list, re-send and deliver the notification outbox
  import-usage store the usage events of an NDJSON or CSV file, with progress
  portal       serve the customer portal API over the demo's records and print sign-in links
  report       print an aging, payments, collections, revenue, onboarding, MRR or cash report (text, CSV or JSON)
  reconcile    import bank statements into the ledger and work through what waits for a person
  migrate      create or update the billing tables of a database

Options:
  --version     print the version of billfold
  --help        print this overview

Run "billfold <command> --help" for a command's options.`;

const COMMANDS: Record<string, { run: (args: readonly string[], io: CliIo) => Promise<number>; help: string }> = {
  demo: { run: demoCommand, help: DEMO_HELP },
  run: { run: runCommand, help: RUN_HELP },
  'import-usage': { run: importUsageCommand, help: IMPORT_USAGE_HELP },
  collections: { run: collectionsCommand, help: COLLECTIONS_HELP },
  outbox: { run: outboxCommand, help: OUTBOX_HELP },
  report: { run: reportCommand, help: REPORT_HELP },
  reconcile: { run: reconcileCommand, help: RECONCILE_HELP },
  migrate: { run: migrateCommand, help: MIGRATE_HELP },
  portal: { run: (args, io) => portalCommand(args, io), help: PORTAL_HELP },
};

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code: 0 done, 1 the work
 * failed, 2 the command line was wrong (the error and a pointer to `--help` go to stderr).
 * @example
 * ```ts
 * const code = await main(['demo', '--customers', '8', '--months', '2'], processIo());
 * ```
 */
export async function main(args: readonly string[], given: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const io = redactingIo(given);
  try {
    if (name === undefined) {
      io.err(HELP);
      return ExitCode.usage;
    }
    if (name === '--help' || name === '-h') {
      io.out(HELP);
      return ExitCode.ok;
    }
    if (name === '--version' || name === '-v') {
      io.out(cliVersion());
      return ExitCode.ok;
    }
    if (name === 'help') {
      const topic = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
      if (rest[0] !== undefined && topic === undefined) throw new UsageError(`unknown command "${rest[0]}"`);
      io.out(topic?.help ?? HELP);
      return ExitCode.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) {
      throw new UsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`billfold${error.command ? ` ${error.command}` : ''}: ${error.message}`);
      io.err(`Run "billfold${error.command ? ` ${error.command}` : ''} --help" for usage.`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`billfold${name ? ` ${name}` : ''}: ${message}`);
    if (process.env.BILLFOLD_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return ExitCode.failure;
  }
}

/** Whether this module is the program being run (not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
}
