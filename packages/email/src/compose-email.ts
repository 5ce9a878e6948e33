import {
  BillingError,
  BillingErrorCode,
  type BillingNotification,
  type Clock,
  notificationDedupeKey,
  type NotificationType,
} from '@billfold/core';
import type { SendMailOptions } from 'nodemailer';
import { type AttachmentSettings, attachmentsFor, type EmailAttachment } from './email-attachments';
import { emailLanguage, emailView } from './email-locale';
import {
  EmailAddressSchema,
  headerText,
  type Mailbox,
  mailboxHeader,
  messageIdFor,
  oneLine,
  transactionalHeaders,
} from './mail-headers';
import { type EmailBillingReads, loadRecords } from './notification-records';
import { renderEmailLayout } from './templates/email-layout';
import type { EmailCatalog, EmailParts, EmailTemplate } from './templates/email-template';

/** An email ready to send: what it says, what it carries, and the message handed to the transport. */
export interface ComposedEmail {
  readonly dedupeKey: string;
  /** Derived from the dedupe key: the same for every delivery of one notification. */
  readonly messageId: string;
  readonly language: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly EmailAttachment[];
  /** The nodemailer message, with an explicit envelope: only the customer receives it. */
  readonly mail: SendMailOptions;
}

/** Everything composing needs besides the notification. @internal */
export interface ComposeSettings {
  readonly billing: EmailBillingReads;
  readonly from: Mailbox;
  readonly replyTo?: Mailbox;
  readonly messageIdDomain: string;
  readonly catalogs: Readonly<Record<string, EmailCatalog>>;
  readonly templates: { readonly [T in NotificationType]?: EmailTemplate<T> };
  readonly documents: AttachmentSettings;
  readonly clock: Clock;
}

/** The invoice whose first email (`invoice.finalized`) later emails about it follow up on, for mail threading. */
function threadInvoice(notification: BillingNotification): string | undefined {
  switch (notification.type) {
    case 'invoice.paid':
    case 'invoice.reminder':
    case 'invoice.overdue':
    case 'invoice.fee_charged':
    case 'payment.failed':
    case 'credit_note.issued':
      return notification.invoiceId;
    default:
      return undefined;
  }
}

/**
 * Composes the email of a notification: reads its records, picks the customer's language, renders the attached
 * documents, writes subject and both bodies (the host's template for the kind, or the built-in words in the
 * built-in frame), and builds the message with header-safe names, the `Message-ID` of the dedupe key and
 * transactional headers.
 * @internal
 */
export async function composeEmail(
  notification: BillingNotification,
  settings: ComposeSettings,
): Promise<ComposedEmail> {
  const records = await loadRecords(notification, settings.billing);
  const language = emailLanguage(records.customer.locale, settings.catalogs);
  const attachments = await attachmentsFor(notification.type, records, language.locale, settings.documents);
  const view = emailView(
    notification,
    records,
    language,
    settings.documents.seller.name,
    attachments.map((a) => a.fileName),
  );
  const catalog = language.catalog;
  const words = catalog.kinds[notification.type] as (v: typeof view) => EmailParts;
  const parts = words(view);
  const layout = (p: EmailParts) => renderEmailLayout(p, view, catalog);
  const template = settings.templates[notification.type] as EmailTemplate | undefined;
  const body = template === undefined ? layout(parts) : template(view, parts, layout);
  const dedupeKey = notificationDedupeKey(notification);
  const messageId = messageIdFor(dedupeKey, settings.messageIdDomain);
  const thread = threadInvoice(notification);
  const parent =
    thread === undefined ? undefined : messageIdFor(`invoice.finalized/${thread}`, settings.messageIdDomain);
  const subject = oneLine(body.subject, 200);
  const recipient = records.customer.email;
  if (!EmailAddressSchema.safeParse(recipient).success) {
    throw new BillingError(
      BillingErrorCode.deliveryRejected,
      `Customer ${records.customer.id} has no email address mail can be sent to; fix it, then re-send`,
      { path: ['customer', 'email'], delivery: { channel: 'smtp', retryable: false, outcomeUnknown: false } },
    );
  }
  const sender = typeof settings.from === 'string' ? settings.from : settings.from.address;
  const mail: SendMailOptions = {
    from: mailboxHeader(settings.from),
    ...(settings.replyTo !== undefined ? { replyTo: mailboxHeader(settings.replyTo) } : {}),
    to: { name: headerText(view.customerName), address: recipient },
    subject: headerText(subject),
    text: body.text,
    html: body.html,
    messageId,
    date: settings.clock.now(),
    ...(parent !== undefined ? { inReplyTo: parent, references: [parent] } : {}),
    headers: transactionalHeaders(notification.type),
    envelope: { from: sender, to: [recipient] },
    attachments: attachments.map((a) => ({
      filename: a.fileName,
      content: typeof a.content === 'string' ? a.content : Buffer.from(a.content),
      contentType: a.mimeType,
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  return {
    dedupeKey,
    messageId,
    language: language.language,
    subject,
    text: body.text,
    html: body.html,
    attachments,
    mail,
  };
}
