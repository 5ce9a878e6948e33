import { BillingError, BillingErrorCode, type DeliveryFailure } from '@billfold/core';
import { oneLine } from './mail-headers';
import type { SmtpCredentials } from './smtp-settings';

/** What nodemailer attaches to the errors it throws (see its `NodemailerError`). */
interface TransportError {
  readonly code?: unknown;
  readonly originalCode?: unknown;
  readonly timeoutType?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
  readonly command?: unknown;
}

// Steps before the message is sent: a failure there cannot have delivered it.
const BEFORE_MESSAGE = new Set(['EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH', 'MAIL FROM', 'RCPT TO']);
// Failures to reach the server at all.
const UNREACHED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether the server may have taken the message although the client heard no answer: the connection closed or
 * timed out while (or after) the message was on its way. A reply, a failure to connect, DNS or TLS before any
 * message, or a silence at a step before the message, all leave the outcome known.
 */
function outcomeUnknown(e: TransportError, code: string | undefined, command: string | undefined): boolean {
  if (typeof e.responseCode === 'number') return false;
  if (command !== undefined && BEFORE_MESSAGE.has(command)) return false;
  switch (code) {
    case 'EDNS':
    case 'ETLS':
    case 'EPROXY':
      return false;
    case 'ESOCKET':
      return !(typeof e.originalCode === 'string' && UNREACHED.has(e.originalCode));
    case 'ETIMEDOUT':
      return e.timeoutType !== 'CONNECT_TIMEOUT' && e.timeoutType !== 'GREETING_TIMEOUT';
    default:
      // ECONNECTION (closed mid-conversation, nodemailer does not say at which step) and anything unknown.
      return code === undefined || code === 'ECONNECTION';
  }
}
// Errors of the configuration or the message itself: sending the same again with the same settings fails the same way.
const PERMANENT_CODES = new Set([
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONFIG',
  'EREQUIRETLS',
  'EENVELOPE',
  'EMESSAGE',
  'EMAXRECIPIENTS',
]);

/**
 * Whatever could give the credentials away in a server's reply, in every form an SMTP exchange carries them:
 * plain, base64 (AUTH LOGIN) and base64 of `\0user\0password` (AUTH PLAIN).
 */
function secretsOf(credentials: SmtpCredentials | undefined): string[] {
  if (credentials === undefined) return [];
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const { user, pass } = credentials;
  return [b64(`\u0000${user}\u0000${pass}`), b64(pass), b64(user), pass, user].filter((secret) => secret.length >= 3);
}

/** The server's reply, on one line, without credentials, at most 300 characters. */
function replyText(response: unknown, credentials: SmtpCredentials | undefined): string | undefined {
  if (typeof response !== 'string' || response === '') return undefined;
  let text = oneLine(response, 1000);
  for (const secret of secretsOf(credentials)) text = text.split(secret).join('[redacted]');
  return [...text].slice(0, 300).join('');
}

/** `5.1.1` from a reply such as `550 5.1.1 <bob@example.com>: no such user`. */
function enhancedStatus(response: unknown): string | undefined {
  if (typeof response !== 'string') return undefined;
  return /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1];
}

/**
 * Turns what the mail transport threw into a `BillingError` a dispatcher can act on: `delivery_rejected` for a
 * permanent SMTP reply (5xx but 503) or a configuration the server refuses (authentication, required TLS);
 * `delivery_unavailable` for a transient reply (4xx, 503), a refused, dropped or timed-out connection, and
 * anything unknown. A connection lost while the message was on its way leaves the outcome unknown: the server may
 * have taken it, and drops the repeat by its `Message-ID`. The message holds the reply code, enhanced status and
 * command, and the server's text with any credential removed; the original error is not attached.
 * @internal
 */
export function deliveryFailure(error: unknown, credentials: SmtpCredentials | undefined): BillingError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as TransportError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? oneLine(e.command, 40).replace(/^(AUTH)\b.*/, '$1') : undefined;
  const status = enhancedStatus(e.response);
  const permanent =
    responseCode !== undefined
      ? responseCode >= 500 && responseCode < 600 && responseCode !== 503
      : code !== undefined && PERMANENT_CODES.has(code);
  const delivery: DeliveryFailure = {
    channel: 'smtp',
    retryable: !permanent,
    outcomeUnknown: !permanent && outcomeUnknown(e, code, command),
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(status !== undefined ? { enhancedStatus: status } : {}),
    ...(command !== undefined ? { command } : {}),
  };
  const reply = replyText(e.response, credentials);
  const what = [
    responseCode !== undefined ? `SMTP ${responseCode}` : (code ?? 'an unknown error'),
    status,
    command !== undefined ? `at ${command}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  const message = permanent
    ? `The mail server refused the email for good (${what})${reply ? `: ${reply}` : ''}. Fix the cause, then re-send.`
    : `The email could not be delivered now (${what})${reply ? `: ${reply}` : ''}. Retry later.`;
  return new BillingError(
    permanent ? BillingErrorCode.deliveryRejected : BillingErrorCode.deliveryUnavailable,
    message,
    {
      delivery,
    },
  );
}
