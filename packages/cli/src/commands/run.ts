import { type Clock, type RunCycleSummary, type StepFigures, systemClock } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { CRON_COMMAND_OPTIONS, ENGINE_HELP, formatDispatch, outcomeJson, withEngine } from '../engine-options';
import { instantOption, integerOption, parseOptions } from '../parse-options';
import { CREATE_HELP, describeTarget, STORAGE_HELP, storageTarget } from '../storage-from-args';
import { ExitCode } from '../usage-error';

/** The help of `billfold run`. */
export const RUN_HELP = `Usage: billfold run (--db URL | --db-file FILE | --data-dir DIR) [--now ISO] [options]

Runs one billing cycle: bills every subscription whose next billing boundary is at or before now, and prints
what it did. Safe to repeat: a second run for the same instant finds nothing due. With --email-config it then
delivers the notification outbox (invoices finalized, and whatever else waits) as email. Exits with 1 when a
subscription could not be billed (it stays due for the next run), or when the database holds no billing tables
(unless --create).

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
${ENGINE_HELP.join('\n')}
  --now ISO         bill as of this instant (default: the current time), e.g. 2026-02-01T00:00:00Z
  --batch-size N    subscriptions billed per transaction (default 500)
  --json            print the summary as JSON
  -h, --help        this help`;

/** The lines `billfold run` prints for a summary. */
export function formatRunSummary(summary: RunCycleSummary, target: string): string[] {
  const totals = Object.entries(summary.totalsByCurrency)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, total]) => `${currency} ${total}`);
  const lines = [
    `Billing run at ${summary.now} on ${target}`,
    `  subscriptions billed  ${summary.subscriptionsBilled}`,
    `  invoices created      ${summary.invoicesCreated}`,
    `  invoiced              ${totals.length === 0 ? '-' : totals.join('   ')}`,
    `  errors                ${summary.errors.length}${summary.stoppedEarly ? ' (stopped early)' : ''}`,
  ];
  if (summary.subscriptionsLeftDue > 0) {
    lines.push(`  still due             ${summary.subscriptionsLeftDue} (many periods behind: run again to go on)`);
  }
  for (const error of summary.errors) {
    lines.push(`    ${error.subscriptionId} [${error.step}] ${error.code}: ${error.message}`);
  }
  lines.push(...formatMeasuredSteps(summary.measured));
  return lines;
}

/**
 * One line per step of the run with the figures its OpenTelemetry instruments received (`billfold.<area>.items`,
 * `.errors` by code, `.duration`): `    run.batch            items 3    errors 0            2 × 4.1 ms`.
 */
export function formatMeasuredSteps(measured: readonly StepFigures[]): string[] {
  const lines = measured.map((step) => {
    const errors = Object.entries(step.errors).map(([code, count]) => `${code} ${count}`);
    const latency = step.passes === 0 ? '-' : `${step.passes} × ${((step.seconds * 1000) / step.passes).toFixed(1)} ms`;
    return [
      `    ${`${step.area}.${step.step}`.padEnd(20)}`,
      `items ${String(step.items).padEnd(5)}`,
      `errors ${(errors.length === 0 ? '0' : errors.join(', ')).padEnd(12)}`,
      latency,
    ].join(' ');
  });
  return lines.length === 0 ? [] : ['  per step (items, errors by code, passes × mean latency)', ...lines];
}

/**
 * `billfold run`: see {@link RUN_HELP}.
 * @returns the exit code: 1 when some subscription could not be billed.
 */
export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('run', args, CRON_COMMAND_OPTIONS);
  if (parsed.values.help) {
    io.out(RUN_HELP);
    return ExitCode.ok;
  }
  const now = instantOption('run', parsed, 'now');
  const batchSize = integerOption('run', parsed, 'batch-size', { min: 1, max: 10_000, fallback: 500 });
  const target = storageTarget('run', parsed, { required: true, io });
  // With --now, everything the run writes (issue dates, due dates, ids) is as of that instant.
  const clock: Clock = now === undefined ? systemClock : { now: () => new Date(now) };
  const outcome = await withEngine('run', parsed, io, target, clock, (billing) => billing.runCycle({ batchSize }));
  const summary: RunCycleSummary = outcome.result;
  if (parsed.values.json) io.out(outcomeJson(outcome));
  else
    for (const line of [...formatRunSummary(summary, describeTarget(target)), ...formatDispatch(outcome.dispatched)])
      io.out(line);
  return summary.errors.length === 0 ? ExitCode.ok : ExitCode.failure;
}
