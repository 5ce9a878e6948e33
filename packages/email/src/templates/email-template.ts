import type { NotificationType } from '@billfold/core';
import type { EmailView } from '../email-view';

/** The words of one email: laid out by {@link renderEmailLayout} into the same HTML and plain-text shape. */
export interface EmailParts {
  readonly subject: string;
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** Label and value pairs shown as a small table (invoice number, amount, due date). */
  readonly facts: readonly (readonly [string, string])[];
}

/** A finished email: subject, plain text and HTML. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** The words of one kind of notification in one language. */
export type EmailWords<T extends NotificationType> = (view: EmailView<T>) => EmailParts;

/**
 * The emails of one language: the words of each kind and the frame around them. Add a language by writing one
 * (see `englishEmails`) and passing it in `locales`.
 */
export interface EmailCatalog {
  /** `"Hello Ada,"` */
  readonly greeting: (name: string) => string;
  /** `"Kind regards"`, above the seller's name. */
  readonly signOff: string;
  /** `"Attached: INV-2026-000001.pdf"` */
  readonly attached: (files: string) => string;
  /** The footer: why the customer gets this email. */
  readonly automatic: (seller: string) => string;
  readonly kinds: { readonly [T in NotificationType]: EmailWords<T> };
}

/**
 * A host's own email for one kind, in every language: it gets the view, the built-in words in the view's language
 * (`parts`) and `layout`, which frames parts the built-in way (greeting, facts, sign-off, footer; every value
 * escaped). Return the finished email; escape values in your own HTML with `escapeHtml`.
 * @example
 * ```ts
 * const reminder: EmailTemplate<'invoice.reminder'> = (view, parts, layout) =>
 *   layout({ ...parts, subject: `Reminder ${view.notification.reminderStep}: ${parts.subject}` });
 * ```
 */
export type EmailTemplate<T extends NotificationType = NotificationType> = (
  view: EmailView<T>,
  parts: EmailParts,
  layout: (parts: EmailParts) => RenderedEmail,
) => RenderedEmail;
