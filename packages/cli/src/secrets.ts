import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from './cli-io';
import { UsageError } from './usage-error';

/**
 * Secrets never come from a command-line argument, which every user of the machine sees in `ps`: they come from
 * an environment variable (`BILLFOLD_DATABASE_URL`), a file it names (`BILLFOLD_DATABASE_URL_FILE`, the
 * container-secrets convention) or a file named by a flag (`--db-file`). Every line the CLI prints is redacted.
 */

/** The environment variables that hold secrets the CLI reads, each also readable from `<NAME>_FILE`. */
export const SECRET_VARIABLES = ['BILLFOLD_DATABASE_URL', 'BILLFOLD_SMTP_PASSWORD'] as const;

/** One secret the CLI reads: its variable, and the file a flag names (`--db-file`), if one was given. */
export interface SecretSource {
  readonly variable: (typeof SECRET_VARIABLES)[number];
  readonly file?: { readonly flag: string; readonly path: string };
}

function readSecretFile(path: string, cwd: string, from: string, command: string): string {
  const full = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new UsageError(`${from} names ${full}, which cannot be read (${code})`, command);
  }
  const value = text.trim();
  if (value === '') throw new UsageError(`${from} names ${full}, which is empty`, command);
  return value;
}

/**
 * The secret from the flag's file, else the file named by `<VARIABLE>_FILE`, else `<VARIABLE>`, trimmed; or
 * `undefined` when none is set.
 * @throws UsageError when a named file cannot be read or is empty.
 */
export function readSecret(source: SecretSource, io: CliIo, command: string): string | undefined {
  const env = io.env ?? {};
  if (source.file !== undefined) return readSecretFile(source.file.path, io.cwd, `--${source.file.flag}`, command);
  const file = env[`${source.variable}_FILE`];
  if (file !== undefined && file !== '') return readSecretFile(file, io.cwd, `${source.variable}_FILE`, command);
  const value = env[source.variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The environment the email notifier reads its SMTP credentials from (`io.env`, else the process's), with
 * `BILLFOLD_SMTP_PASSWORD` read from the file `BILLFOLD_SMTP_PASSWORD_FILE` names when that is set.
 */
export function smtpEnvironment(io: CliIo, command: string): NodeJS.ProcessEnv {
  const env = { ...(io.env ?? process.env) };
  const password = readSecret({ variable: 'BILLFOLD_SMTP_PASSWORD' }, { ...io, env }, command);
  if (password !== undefined) env.BILLFOLD_SMTP_PASSWORD = password;
  return env;
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for any scheme, anywhere in the text. */
export function redactUrlPasswords(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s@/]+@/gi, '$1***@');
}

/**
 * `io` with every printed line redacted: URL passwords, and the values (and URL passwords) of the secret
 * variables set in its environment, so no error message, progress line or stack trace shows a secret.
 */
export function redactingIo(io: CliIo): CliIo {
  const env = io.env ?? {};
  const secrets = new Set<string>();
  for (const variable of SECRET_VARIABLES) {
    const value = env[variable]?.trim();
    if (value === undefined || value.length < 4) continue;
    secrets.add(value);
    try {
      const password = decodeURIComponent(new URL(value).password);
      if (password.length >= 4) secrets.add(password);
    } catch {
      // not a URL: the value itself is redacted
    }
  }
  const redact = (line: string) => {
    let safe = redactUrlPasswords(line);
    for (const secret of secrets) safe = safe.replaceAll(secret, '***');
    return safe;
  };
  return { ...io, out: (line) => io.out(redact(line)), err: (line) => io.err(redact(line)) };
}
