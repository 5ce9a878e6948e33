import { type Clock, listAll, type OutboxEntry, OutboxStatusSchema, systemClock } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { ENGINE_HELP, ENGINE_OPTIONS, formatDispatch, withEngine } from '../engine-options';
import { instantOption, parseOptions, stringOption } from '../parse-options';
import { STORAGE_HELP, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import { ExitCode, UsageError } from '../usage-error';

/** The help of `billfold outbox`. */
export const OUTBOX_HELP = `Usage: billfold outbox list|resend ID|dispatch (--db URL | --data-dir DIR) [options]

The notification outbox: every notification is written there with the change that caused it and delivered by a
dispatch (at least once, retried with backoff, dead-lettered with its last error).
  list       the entries, oldest first (--status pending|delivered|dead)
  resend ID  make a dead (or delivered) entry pending again, and deliver it with --email-config
  dispatch   deliver what is due, through --email-config

Options:
${STORAGE_HELP.join('\n')}
${ENGINE_HELP.join('\n')}
  --status STATUS   list only pending, delivered or dead entries
  --now ISO         deliver as of this instant (default: the current time)
  --json            print JSON
  -h, --help        this help`;

const OPTIONS = {
  ...STORAGE_OPTIONS,
  ...ENGINE_OPTIONS,
  status: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** One entry as a line: id, status, attempts, kind, key, last error. */
function entryLine(entry: OutboxEntry): string {
  const error = entry.lastError === undefined ? '' : `  ${entry.lastError.code}: ${entry.lastError.message}`;
  return `${entry.id}  ${entry.status.padEnd(9)} ${String(entry.attempts).padStart(2)}  ${entry.type.padEnd(22)} ${entry.dedupeKey}${error}`;
}

/**
 * `billfold outbox list|resend|dispatch`: see {@link OUTBOX_HELP}.
 * @returns the exit code: 1 when a dispatch dead-lettered something.
 */
export async function outboxCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('outbox', args, OPTIONS, 2);
  if (parsed.values.help) {
    io.out(OUTBOX_HELP);
    return ExitCode.ok;
  }
  const [action, id] = parsed.positionals;
  if (action !== 'list' && action !== 'resend' && action !== 'dispatch') {
    throw new UsageError(
      action === undefined ? 'name the action: list, resend ID or dispatch' : `unknown action "${action}"`,
      'outbox',
    );
  }
  if ((action === 'resend') !== (id !== undefined)) {
    throw new UsageError(action === 'resend' ? 'resend needs the entry id' : `unexpected argument "${id}"`, 'outbox');
  }
  const status = stringOption(parsed, 'status');
  if (status !== undefined && !OutboxStatusSchema.safeParse(status).success) {
    throw new UsageError(`--status must be pending, delivered or dead (got "${status}")`, 'outbox');
  }
  const now = instantOption('outbox', parsed, 'now');
  const clock: Clock = now === undefined ? systemClock : { now: () => new Date(now) };
  const target = storageTarget('outbox', parsed, { required: true, io });
  const outcome = await withEngine('outbox', parsed, io, target, clock, async (billing) => {
    if (action === 'resend') return [await billing.notifications.resend(id as string)];
    if (action === 'list') {
      const filter = status === undefined ? {} : { status: status as OutboxEntry['status'] };
      return listAll((page) => billing.notifications.list({ ...filter, ...page }));
    }
    return [];
  });
  if (parsed.values.json)
    io.out(JSON.stringify(action === 'dispatch' ? (outcome.dispatched ?? null) : outcome.result, null, 2));
  else {
    for (const entry of outcome.result) io.out(entryLine(entry));
    for (const line of formatDispatch(outcome.dispatched)) io.out(line.trim());
  }
  return (outcome.dispatched?.dead ?? 0) > 0 ? ExitCode.failure : ExitCode.ok;
}
