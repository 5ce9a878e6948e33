import { type Clock, type CollectionsRunSummary, systemClock } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { CRON_COMMAND_OPTIONS, ENGINE_HELP, formatDispatch, outcomeJson, withEngine } from '../engine-options';
import { instantOption, integerOption, parseOptions } from '../parse-options';
import { CREATE_HELP, describeTarget, STORAGE_HELP, storageTarget } from '../storage-from-args';
import { ExitCode } from '../usage-error';

/** The help of `billfold collections`. */
export const COLLECTIONS_HELP = `Usage: billfold collections (--db URL | --data-dir DIR) [--now ISO] [options]

Runs collections: sends the reminders that are due, flags invoices overdue at their due date plus grace, charges
past-due fees and moves subscriptions through dunning (past due, unpaid, suspended), by the collections policy of
--config. With --email-config it then delivers the notification outbox as email. Safe to repeat, and to run from
several machines at once: nothing is reminded or charged twice. Exits with 1 when an invoice could not be collected
(it stays due for the next run).

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
${ENGINE_HELP.join('\n')}
  --now ISO         collect as of this instant (default: the current time)
  --batch-size N    invoices collected per transaction (default 500)
  --json            print the summary as JSON
  -h, --help        this help`;

/** The lines `billfold collections` prints for a summary. */
export function formatCollectionsSummary(summary: CollectionsRunSummary, target: string): string[] {
  const fees = Object.entries(summary.feesByCurrency)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, total]) => `${currency} ${total}`);
  const { dunning } = summary;
  const lines = [
    `Collections at ${summary.now} on ${target}`,
    `  invoices collected    ${summary.invoicesCollected}`,
    `  reminders sent        ${summary.remindersSent}`,
    `  became overdue        ${summary.invoicesOverdue}`,
    `  fees charged          ${summary.feesCharged}${fees.length === 0 ? '' : `   ${fees.join('   ')}`}`,
    `  dunning               ${dunning.past_due} past due, ${dunning.unpaid} unpaid, ${dunning.suspended} suspended, ${dunning.canceled} canceled`,
    `  errors                ${summary.errors.length}${summary.stoppedEarly ? ' (stopped early)' : ''}`,
  ];
  for (const error of summary.errors)
    lines.push(`    ${error.invoiceId} [${error.step}] ${error.code}: ${error.message}`);
  return lines;
}

/**
 * `billfold collections`: see {@link COLLECTIONS_HELP}.
 * @returns the exit code: 1 when some invoice could not be collected.
 */
export async function collectionsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('collections', args, CRON_COMMAND_OPTIONS);
  if (parsed.values.help) {
    io.out(COLLECTIONS_HELP);
    return ExitCode.ok;
  }
  const now = instantOption('collections', parsed, 'now');
  const batchSize = integerOption('collections', parsed, 'batch-size', { min: 1, max: 10_000, fallback: 500 });
  const target = storageTarget('collections', parsed, { required: true, io });
  const clock: Clock = now === undefined ? systemClock : { now: () => new Date(now) };
  const outcome = await withEngine('collections', parsed, io, target, clock, (billing) =>
    billing.collections.run({ batchSize }),
  );
  const summary: CollectionsRunSummary = outcome.result;
  if (parsed.values.json) io.out(outcomeJson(outcome));
  else {
    for (const line of [
      ...formatCollectionsSummary(summary, describeTarget(target)),
      ...formatDispatch(outcome.dispatched),
    ]) {
      io.out(line);
    }
  }
  return summary.errors.length === 0 ? ExitCode.ok : ExitCode.failure;
}
