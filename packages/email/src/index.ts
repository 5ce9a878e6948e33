/**
 * `@billfold/email`: billing notifications as email over SMTP (nodemailer). HTML and plain-text emails for every
 * notification kind in the customer's language (English and German built in), with the invoice PDF, the receipt,
 * the credit note or the account statement attached; `Message-ID`s from the notifications' dedupe keys, and
 * delivery failures classified as retryable or not for the engine's dispatcher.
 * @module
 */
export { createEmailNotifier } from './create-email-notifier';
export type { EmailNotifier } from './create-email-notifier';
export type { ComposedEmail } from './compose-email';
export { EmailNotifierOptionsSchema } from './email-options';
export type { EmailLogger, EmailNotifierOptions, EmailTransport } from './email-options';
export { SmtpSettingsSchema } from './smtp-settings';
export type { CredentialEnvironment, SmtpSettings } from './smtp-settings';
export { EmailAddressSchema, MailboxSchema } from './mail-headers';
export type { Mailbox } from './mail-headers';
export type { EmailAttachment, ReceiptRenderer } from './email-attachments';
export type { EmailFormatting, EmailView } from './email-view';
export type {
  EmailBillingReads,
  NotificationRecordMap,
  NotificationRecords,
  SubscriptionRecords,
} from './notification-records';
export type { EmailCatalog, EmailParts, EmailTemplate, EmailWords, RenderedEmail } from './templates/email-template';
export type { EmailMessages } from './templates/email-messages';
export { builtInEmailCatalogs, emailCatalog, englishEmails, germanEmails } from './templates/email-catalog';
export { englishEmailMessages } from './templates/english';
export { germanEmailMessages } from './templates/german';
export { renderEmailLayout } from './templates/email-layout';
export { escapeHtml } from '@billfold/documents';
