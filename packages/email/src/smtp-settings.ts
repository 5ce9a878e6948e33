import { BillingError, BillingErrorCode } from '@billfold/core';
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport';
import { z } from 'zod';

/** The name of an environment variable (`BILLFOLD_SMTP_PASSWORD`). */
const EnvNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'an environment variable name');

const Milliseconds = z.number().int().min(1).max(600_000);

/**
 * How to reach the SMTP server: host, port, TLS and timeouts, from the host's configuration. Credentials are never
 * part of it: they come from the environment variables `credentials` names (default `BILLFOLD_SMTP_USER` and
 * `BILLFOLD_SMTP_PASSWORD`), so a config file or a command line never holds a password. Without those variables
 * the server is used without authentication.
 *
 * @example
 * ```ts
 * const smtp = { host: 'smtp.example.com', port: 587 }; // STARTTLS required, user and password from the environment
 * ```
 */
export const SmtpSettingsSchema = z.strictObject({
  host: z.string().min(1).max(253),
  /** 587 (submission with STARTTLS) by default; 465 with `secure: true`. */
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte (port 465). */
  secure: z.boolean().default(false),
  /** Refuse to send unless the server upgrades to TLS (STARTTLS). On by default; only a loopback test server may do without. */
  requireTLS: z.boolean().default(true),
  tls: z
    .strictObject({
      /** Check the server's certificate (default true). */
      rejectUnauthorized: z.boolean().default(true),
      /** The name the certificate must carry, when it is not `host`. */
      servername: z.string().min(1).max(253).optional(),
      /** Extra trusted CA certificates in PEM, for a private mail relay. */
      ca: z.string().min(1).max(100_000).optional(),
    })
    .optional(),
  /** The name this client greets with (`EHLO`); defaults to the machine's host name. */
  clientName: z.string().min(1).max(253).optional(),
  /** Time to open the connection (default 10 s). */
  connectionTimeoutMs: Milliseconds.default(10_000),
  /** Time for the server's greeting (default 10 s). */
  greetingTimeoutMs: Milliseconds.default(10_000),
  /** Time the connection may stay silent while sending (default 30 s); a slower server counts as unavailable. */
  socketTimeoutMs: Milliseconds.default(30_000),
  /** Keep connections open and reuse them (default false: one connection per message). */
  pool: z.boolean().default(false),
  /** Connections of the pool (default 2). */
  maxConnections: z.number().int().min(1).max(50).default(2),
  /** The environment variables that hold the user name and password. */
  credentials: z
    .strictObject({ userEnv: EnvNameSchema, passwordEnv: EnvNameSchema })
    .default({ userEnv: 'BILLFOLD_SMTP_USER', passwordEnv: 'BILLFOLD_SMTP_PASSWORD' }),
});

/** SMTP settings as given, see {@link SmtpSettingsSchema}. */
export type SmtpSettings = z.input<typeof SmtpSettingsSchema>;

/** SMTP settings after validation. @internal */
export type ResolvedSmtpSettings = z.output<typeof SmtpSettingsSchema>;

/** The environment to read credentials from (`process.env` by default). */
export type CredentialEnvironment = Readonly<Record<string, string | undefined>>;

/** User and password read from the environment, or nothing for a server without authentication. @internal */
export interface SmtpCredentials {
  readonly user: string;
  readonly pass: string;
}

/**
 * Reads the credentials from the environment: both variables or neither.
 * @throws BillingError `invalid_input` when only one of them is set (the message names the variables, never values).
 * @internal
 */
export function smtpCredentials(
  settings: ResolvedSmtpSettings,
  env: CredentialEnvironment,
): SmtpCredentials | undefined {
  const { userEnv, passwordEnv } = settings.credentials;
  const user = env[userEnv];
  const pass = env[passwordEnv];
  if (!user && !pass) return undefined;
  if (!user || !pass) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Set both ${userEnv} and ${passwordEnv} for SMTP authentication, or neither`,
      { path: ['options', 'smtp', 'credentials'] },
    );
  }
  return { user, pass };
}

/** The nodemailer SMTP options for the settings: no logging of the conversation (it would show the AUTH exchange). @internal */
export function smtpTransportOptions(
  settings: ResolvedSmtpSettings,
  credentials: SmtpCredentials | undefined,
): SMTPTransportOptions & { pool?: boolean; maxConnections?: number } {
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ...(settings.tls !== undefined ? { tls: settings.tls } : {}),
    ...(settings.clientName !== undefined ? { name: settings.clientName } : {}),
    connectionTimeout: settings.connectionTimeoutMs,
    greetingTimeout: settings.greetingTimeoutMs,
    socketTimeout: settings.socketTimeoutMs,
    ...(settings.pool ? { pool: true, maxConnections: settings.maxConnections } : {}),
    ...(credentials !== undefined ? { auth: { user: credentials.user, pass: credentials.pass } } : {}),
    logger: false,
    debug: false,
    transactionLog: false,
  };
}
