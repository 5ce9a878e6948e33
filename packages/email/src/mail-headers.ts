import { createHash } from 'node:crypto';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { z } from 'zod';

// C0/C1 controls (CR and LF among them), line and paragraph separators, bidi overrides and isolates, the BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]+/g;

/**
 * Text as one inert line: control characters (CR and LF among them), line separators and bidi overrides become a
 * space, runs of spaces one, ends trimmed, at most `max` characters. For every value that came from a person
 * (a customer name, a payment reference) before it goes into a header or a body.
 * @internal
 */
export function oneLine(text: string, max = 500): string {
  const line = text.replace(UNSAFE, ' ').replace(/ {2,}/g, ' ').trim();
  return [...line].slice(0, max).join('');
}

/**
 * A display name or subject for a header: {@link oneLine}, and written as RFC 2047 encoded words when it holds
 * `=?`, so a name that looks like an encoded word (`=?utf-8?B?…?=`) reaches the reader as typed instead of being
 * decoded into something else. Everything else nodemailer encodes itself.
 * @internal
 */
export function headerText(text: string, max = 200): string {
  const line = oneLine(text, max);
  return line.includes('=?') ? encodeWord(line, 'B', 52) : line;
}

/** An email address as the SMTP envelope carries it: ASCII, no spaces, quotes or angle brackets. */
export const EmailAddressSchema = z
  .string()
  .max(254)
  .regex(
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
    {
      message: 'an email address such as "billing@example.com"',
    },
  );

/** A sender or reply-to mailbox: an address, or a display name and an address. */
export const MailboxSchema = z.union([
  EmailAddressSchema,
  z.strictObject({ name: z.string().min(1).max(200), address: EmailAddressSchema }),
]);

/** A mailbox, see {@link MailboxSchema}. */
export type Mailbox = z.infer<typeof MailboxSchema>;

/** A mailbox as nodemailer takes it, the name made header-safe. @internal */
export function mailboxHeader(mailbox: Mailbox): { name: string; address: string } | string {
  return typeof mailbox === 'string' ? mailbox : { name: headerText(mailbox.name), address: mailbox.address };
}

/** The domain part of a mailbox's address. @internal */
export function mailboxDomain(mailbox: Mailbox): string {
  const address = typeof mailbox === 'string' ? mailbox : mailbox.address;
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * The `Message-ID` of a notification's email: derived from its dedupe key alone, so every delivery of one
 * notification carries the same id and a receiver can drop repeats, while the key itself (which names records)
 * stays out of the header.
 * @example
 * ```ts
 * messageIdFor('invoice.finalized/inv_1', 'acme.example'); // "<billfold.5c7e…@acme.example>"
 * ```
 * @internal
 */
export function messageIdFor(dedupeKey: string, domain: string): string {
  const digest = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40);
  return `<billfold.${digest}@${domain}>`;
}

/**
 * Headers every notification email carries: it is automatic (RFC 3834 `Auto-Submitted`, so vacation responders
 * stay quiet, and the Exchange equivalent) and transactional (no `List-Unsubscribe`: the customer cannot opt out
 * of invoices and receipts), and which kind of notification it is, for the host's mail filters.
 * @internal
 */
export function transactionalHeaders(type: string): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
    'X-Billfold-Notification': type,
  };
}
