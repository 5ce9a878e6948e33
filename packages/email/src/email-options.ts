import { type Clock, NOTIFICATION_TYPES, type NotificationType } from '@billfold/core';
import { PaperSizeSchema, PdfFontsSchema, SellerProfileSchema } from '@billfold/documents';
import type { SendMailOptions } from 'nodemailer';
import { z } from 'zod';
import type { ReceiptRenderer } from './email-attachments';
import { MailboxSchema } from './mail-headers';
import type { EmailBillingReads } from './notification-records';
import { type CredentialEnvironment, SmtpSettingsSchema } from './smtp-settings';
import type { EmailCatalog, EmailTemplate } from './templates/email-template';

/** Where messages go: a nodemailer transporter (`nodemailer.createTransport(…)`) or anything with its `sendMail`. */
export interface EmailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close?(): void;
}

/** Where the notifier reports what it did: sent, skipped, not delivered. Fields never hold addresses or credentials. */
export interface EmailLogger {
  info(message: string, fields: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

const withMethods =
  (...methods: string[]) =>
  (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const isCatalog = (value: unknown): value is EmailCatalog =>
  withMethods('greeting', 'attached', 'automatic')(value) &&
  typeof (value as EmailCatalog).kinds === 'object' &&
  NOTIFICATION_TYPES.every((type) => typeof (value as EmailCatalog).kinds?.[type] === 'function');

const NotificationTypeSchema = z.custom<NotificationType>(
  (value) => NOTIFICATION_TYPES.includes(value as NotificationType),
  { message: `one of ${NOTIFICATION_TYPES.join(', ')}` },
);

const HostnameSchema = z
  .string()
  .max(253)
  .regex(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
    'a host name',
  );

/**
 * Options of {@link createEmailNotifier}. Give `smtp` (settings; credentials come from the environment) or your own
 * `transport`; `billing` is the engine the records are read through; `documents.seller` issues the attached
 * documents.
 */
export const EmailNotifierOptionsSchema = z
  .strictObject({
    smtp: SmtpSettingsSchema.optional(),
    transport: z
      .custom<EmailTransport>(withMethods('sendMail'), { message: 'expected a transport with sendMail()' })
      .optional(),
    /** Where SMTP credentials are read (default `process.env`). */
    env: z
      .custom<CredentialEnvironment>((value) => typeof value === 'object' && value !== null, {
        message: 'expected an environment object such as process.env',
      })
      .optional(),
    from: MailboxSchema,
    replyTo: MailboxSchema.optional(),
    /** The domain of `Message-ID`s (default: the `from` address's domain). */
    messageIdDomain: HostnameSchema.optional(),
    billing: z.custom<EmailBillingReads>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        withMethods('get')((value as EmailBillingReads).customers) &&
        withMethods('get', 'list')((value as EmailBillingReads).invoices),
      { message: 'expected the billing engine (createBilling) to read records through' },
    ),
    /** The seller and PDF settings of the attached documents. */
    documents: z.strictObject({
      seller: SellerProfileSchema,
      paperSize: PaperSizeSchema.optional(),
      fonts: PdfFontsSchema.optional(),
    }),
    /** Renders the receipt payment emails attach; default `renderReceipt` of `@billfold/documents`. */
    renderReceipt: z
      .custom<ReceiptRenderer>((value) => typeof value === 'function', { message: 'expected a function' })
      .optional(),
    /** The host's own email for a kind, in every language, instead of the built-in one. */
    templates: z
      .record(
        z.string(),
        z.custom<EmailTemplate>((value) => typeof value === 'function', { message: 'expected a template function' }),
      )
      .superRefine((templates, ctx) => {
        for (const key of Object.keys(templates)) {
          if (!NOTIFICATION_TYPES.includes(key as NotificationType)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `not a notification kind: ${key}` });
          }
        }
      })
      .optional(),
    /** More languages, or replacements of the built-in ones, by lowercase language tag (`fr`, `de-ch`). */
    locales: z
      .record(
        z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'a lowercase language tag such as "fr" or "de-ch"'),
        z.custom<EmailCatalog>(isCatalog, {
          message: 'expected a catalog with every notification kind (emailCatalog)',
        }),
      )
      .optional(),
    /** The kinds that become emails (default all); others are acknowledged without sending. */
    kinds: z.array(NotificationTypeSchema).optional(),
    logger: z
      .custom<EmailLogger>(withMethods('info', 'warn'), { message: 'expected a logger with info() and warn()' })
      .optional(),
    /** The source of the `Date` header (default the system clock). */
    clock: z.custom<Clock>(withMethods('now'), { message: 'expected a Clock with now()' }).optional(),
  })
  .superRefine((options, ctx) => {
    if ((options.smtp === undefined) === (options.transport === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['smtp'], message: 'give either smtp settings or a transport' });
    }
  });

/** Options of {@link createEmailNotifier}, see {@link EmailNotifierOptionsSchema}. */
export type EmailNotifierOptions = Omit<z.input<typeof EmailNotifierOptionsSchema>, 'templates'> & {
  readonly templates?: { readonly [T in NotificationType]?: EmailTemplate<T> };
};

/** Options after validation. @internal */
export type ResolvedEmailOptions = z.output<typeof EmailNotifierOptionsSchema>;
