import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { type Billing, type Clock, createBilling, type DispatchSummary, type EngineConfigInput } from '@billfold/core';
import { createEmailNotifier, type EmailNotifier, type EmailNotifierOptions } from '@billfold/email';
import type { CliIo } from './cli-io';
import { type OptionSpecs, type ParsedOptions, stringOption } from './parse-options';
import { CREATE_OPTION, openStorage, STORAGE_OPTIONS, type StorageTarget } from './storage-from-args';
import { UsageError } from './usage-error';
import { smtpEnvironment } from './secrets';

/** The flags of commands that run the engine: its configuration, and email for the outbox. */
export const ENGINE_OPTIONS = {
  config: { type: 'string' },
  'email-config': { type: 'string' },
} as const satisfies OptionSpecs;

/**
 * The flags of the cron commands (`billfold run`, `billfold collections`): where the records are, `--create`, the
 * engine's configuration and email, `--now`, `--batch-size` and `--json`.
 */
export const CRON_COMMAND_OPTIONS = {
  ...STORAGE_OPTIONS,
  ...CREATE_OPTION,
  ...ENGINE_OPTIONS,
  now: { type: 'string' },
  'batch-size': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies OptionSpecs;

/** The help lines of {@link ENGINE_OPTIONS}. */
export const ENGINE_HELP = [
  '  --config FILE     the engine configuration as JSON: collections policy, named policies, notifications',
  '                    (see docs/collections.md)',
  '  --email-config FILE',
  '                    send the notification outbox as email: SMTP settings, sender and seller as JSON (also',
  '                    BILLFOLD_EMAIL_CONFIG; BILLFOLD_SMTP_HOST and BILLFOLD_SMTP_PORT override the server).',
  '                    The SMTP user and password come only from BILLFOLD_SMTP_USER and BILLFOLD_SMTP_PASSWORD',
  '                    (or a file named by BILLFOLD_SMTP_PASSWORD_FILE); nothing printed shows the password',
];

/** Reads a JSON file named on the command line (relative to `cwd`). */
export async function readJson(command: string, flag: string, path: string, cwd: string): Promise<unknown> {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`${flag} ${path}: no such file`, command);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** The engine configuration of `--config`, or `undefined` without one. */
export async function engineConfig(
  command: string,
  parsed: ParsedOptions,
  cwd: string,
): Promise<EngineConfigInput | undefined> {
  const path = stringOption(parsed, 'config');
  return path === undefined ? undefined : ((await readJson(command, '--config', path, cwd)) as EngineConfigInput);
}

/**
 * The email notifier of `--email-config` (or `BILLFOLD_EMAIL_CONFIG`) over `billing`, or `undefined` without one.
 * The file holds `smtp`, `from`, `replyTo`, `messageIdDomain`, `kinds` and `seller` (the `SellerProfile` of the
 * attached documents); credentials are refused there and read from the environment only.
 * @throws UsageError for a missing file; BillingError `invalid_input` for bad settings or inline credentials.
 */
export async function emailNotifier(
  command: string,
  parsed: ParsedOptions,
  cwd: string,
  billing: Billing,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EmailNotifier | undefined> {
  const path = stringOption(parsed, 'email-config') ?? env.BILLFOLD_EMAIL_CONFIG;
  if (path === undefined) return undefined;
  const file = (await readJson(command, '--email-config', path, cwd)) as Record<string, unknown>;
  const { seller, smtp, ...rest } = file;
  const server = {
    ...(smtp as Record<string, unknown> | undefined),
    ...(env.BILLFOLD_SMTP_HOST !== undefined ? { host: env.BILLFOLD_SMTP_HOST } : {}),
    ...(env.BILLFOLD_SMTP_PORT !== undefined ? { port: Number(env.BILLFOLD_SMTP_PORT) } : {}),
  };
  // Checked by createEmailNotifier, which names the bad field (and refuses credentials here).
  const options = { ...rest, smtp: server, env, billing, documents: { seller } };
  return createEmailNotifier(options as unknown as EmailNotifierOptions);
}

/** What {@link withEngine} gives back: the work's result, and how the outbox went when email was configured. */
export interface EngineOutcome<T> {
  readonly result: T;
  readonly dispatched?: DispatchSummary;
}

/**
 * Runs `work` on the engine over an existing billing database (`--create` starts one), with the configuration of
 * `--config`, then delivers the outbox as email when `--email-config` names a server; closes everything.
 */
export async function withEngine<T>(
  command: string,
  parsed: ParsedOptions,
  io: CliIo,
  target: StorageTarget,
  clock: Clock,
  work: (billing: Billing) => Promise<T>,
): Promise<EngineOutcome<T>> {
  const config = await engineConfig(command, parsed, io.cwd);
  const storage = await openStorage(target, { existing: parsed.values.create !== true });
  try {
    const billing = createBilling({ storage, clock, ...(config !== undefined ? { config } : {}) });
    const email = await emailNotifier(command, parsed, io.cwd, billing, smtpEnvironment(io, command));
    const result = await work(billing);
    if (email === undefined) return { result };
    try {
      return { result, dispatched: await billing.notifications.dispatch({ notifier: email, limit: 100_000 }) };
    } finally {
      await email.close();
    }
  } finally {
    await storage.close();
  }
}

/** The line a command prints for a dispatch of the outbox (none when there was none). */
export function formatDispatch(summary: DispatchSummary | undefined): string[] {
  if (summary === undefined) return [];
  const retrying = summary.retrying > 0 ? `, ${summary.retrying} to retry` : '';
  const dead = summary.dead > 0 ? `, ${summary.dead} dead` : '';
  return [`  notifications sent    ${summary.delivered}${retrying}${dead}`];
}

/** The JSON a command prints: its summary, with the dispatch's when there was one. */
export function outcomeJson<T extends object>(outcome: EngineOutcome<T>): string {
  const { result, dispatched } = outcome;
  return JSON.stringify(dispatched === undefined ? result : { ...result, notifications: dispatched }, null, 2);
}
