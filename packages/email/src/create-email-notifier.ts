import {
  BillingNotificationSchema,
  type BillingNotification,
  BillingError,
  BillingErrorCode,
  isBillingError,
  type Notifier,
  notificationDedupeKey,
  NOTIFICATION_TYPES,
  systemClock,
  validate,
} from '@billfold/core';
import { renderReceipt } from '@billfold/documents';
import nodemailer from 'nodemailer';
import { type ComposedEmail, composeEmail, type ComposeSettings } from './compose-email';
import { deliveryFailure } from './delivery-failure';
import {
  type EmailLogger,
  type EmailNotifierOptions,
  EmailNotifierOptionsSchema,
  type EmailTransport,
} from './email-options';
import { mailboxDomain } from './mail-headers';
import { type SmtpCredentials, smtpCredentials, SmtpSettingsSchema, smtpTransportOptions } from './smtp-settings';
import { builtInEmailCatalogs } from './templates/email-catalog';

/** A `Notifier` (`@billfold/core`) that sends each notification as an email; see {@link createEmailNotifier}. */
export interface EmailNotifier extends Notifier {
  /**
   * Sends the notification's email. Resolves once the SMTP server accepted it (or the kind is not emailed).
   * @throws BillingError `delivery_unavailable` (retry later), `delivery_rejected` (refused for good),
   *   `invalid_input` (a malformed notification, or one naming another customer's records), `not_found`.
   */
  notify(notification: BillingNotification): Promise<void>;
  /** The email a notification becomes, without sending it (previews, tests). */
  compose(notification: BillingNotification): Promise<ComposedEmail>;
  /** Closes the transport's connections (a pool keeps them open). */
  close(): Promise<void>;
}

const silent: EmailLogger = { info: () => {}, warn: () => {} };

const CREDENTIAL_KEYS = ['auth', 'user', 'pass', 'password', 'username'];

/** Credentials never come through options: a config file or a command line would hold them. */
function refuseInlineCredentials(options: EmailNotifierOptions): void {
  const smtp = (options as { smtp?: Record<string, unknown> }).smtp;
  const key = smtp === undefined ? undefined : CREDENTIAL_KEYS.find((name) => name in smtp);
  if (key !== undefined) {
    const { userEnv, passwordEnv } = SmtpSettingsSchema.shape.credentials.parse(undefined);
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `SMTP credentials come from environment variables (${userEnv} and ${passwordEnv}, or the names in smtp.credentials), never from options`,
      { path: ['options', 'smtp', key] },
    );
  }
}

/**
 * Creates a notifier that turns billing notifications into emails over SMTP (nodemailer): HTML and plain text in the
 * customer's language (English and German built in; add languages with `locales`, replace a kind with `templates`),
 * with the invoice PDF on invoice emails, the receipt on payment emails (`renderReceipt` of `@billfold/documents`,
 * or your own as `renderReceipt`), the credit note and the account statement. The `Message-ID` comes from the
 * notification's dedupe key, so a dispatcher may retry freely: the receiving server sees one message id per
 * notification. Failures are classified for the dispatcher: `delivery_unavailable` to retry, `delivery_rejected` to
 * dead-letter.
 *
 * @throws BillingError `invalid_input` with the `path` of a bad option, or inline SMTP credentials.
 * @example
 * ```ts
 * const billing = createBilling({ storage, clock });
 * const notifier = createEmailNotifier({
 *   smtp: { host: 'smtp.example.com', port: 587 }, // user and password: BILLFOLD_SMTP_USER, BILLFOLD_SMTP_PASSWORD
 *   from: { name: 'Acme Billing', address: 'billing@acme.example' },
 *   replyTo: 'accounts@acme.example',
 *   billing,
 *   documents: { seller },
 * });
 * await notifier.notify({ type: 'invoice.finalized', customerId, invoiceId, occurredAt });
 * ```
 */
export function createEmailNotifier(options: EmailNotifierOptions): EmailNotifier {
  refuseInlineCredentials(options);
  const parsed = validate(EmailNotifierOptionsSchema, options, 'options');
  let credentials: SmtpCredentials | undefined;
  let transport: EmailTransport;
  if (parsed.smtp !== undefined) {
    credentials = smtpCredentials(parsed.smtp, parsed.env ?? process.env);
    transport = nodemailer.createTransport(smtpTransportOptions(parsed.smtp, credentials));
  } else {
    transport = parsed.transport as EmailTransport;
  }
  const logger = parsed.logger ?? silent;
  const kinds = new Set(parsed.kinds ?? NOTIFICATION_TYPES);
  const settings: ComposeSettings = {
    billing: parsed.billing,
    from: parsed.from,
    ...(parsed.replyTo !== undefined ? { replyTo: parsed.replyTo } : {}),
    messageIdDomain: parsed.messageIdDomain ?? mailboxDomain(parsed.from),
    catalogs: { ...builtInEmailCatalogs, ...parsed.locales },
    templates: (options.templates ?? {}) as ComposeSettings['templates'],
    documents: {
      seller: parsed.documents.seller,
      ...(parsed.documents.paperSize !== undefined ? { paperSize: parsed.documents.paperSize } : {}),
      ...(parsed.documents.fonts !== undefined ? { fonts: parsed.documents.fonts } : {}),
      renderReceipt: parsed.renderReceipt ?? renderReceipt,
    },
    clock: parsed.clock ?? systemClock,
  };
  const compose = (notification: BillingNotification) =>
    composeEmail(validate(BillingNotificationSchema, notification, 'notification'), settings);
  return {
    compose,
    async notify(notification) {
      const valid = validate(BillingNotificationSchema, notification, 'notification');
      const fields = { type: valid.type, customerId: valid.customerId, dedupeKey: notificationDedupeKey(valid) };
      if (!kinds.has(valid.type)) {
        logger.info('email skipped: kind not emailed', fields);
        return;
      }
      const email = await composeEmail(valid, settings);
      try {
        await transport.sendMail(email.mail);
      } catch (error) {
        const failure = isBillingError(error) ? error : deliveryFailure(error, credentials);
        logger.warn('email not delivered', {
          ...fields,
          messageId: email.messageId,
          code: failure.code,
          retryable: failure.delivery?.retryable,
          responseCode: failure.delivery?.responseCode,
        });
        throw failure;
      }
      logger.info('email sent', { ...fields, messageId: email.messageId, attachments: email.attachments.length });
    },
    async close() {
      transport.close?.();
    },
  };
}
