import type { NotificationOf, NotificationType } from '@billfold/core';
import type { NotificationRecords } from './notification-records';

/** The formatters of an email view: amounts and dates in the reader's locale and time zone, inert text. */
export interface EmailFormatting {
  /** `"119,00 €"` in the view's locale. */
  money(amount: string, currency: string): string;
  /** An instant as the customer's calendar day, long style (`"24. Februar 2026"`). */
  date(instant: string): string;
  /** A calendar day `YYYY-MM-DD`, long style. */
  day(date: string): string;
  /** Text a person typed, as one inert line (control characters, line breaks and bidi overrides removed). */
  text(value: string): string;
  /** Calendar days from `dueAt` to the notification in the customer's time zone (negative: not yet due). */
  daysPastDue(dueAt: string): number;
}

/**
 * What a template gets to write one email: the notification and its records, the reader's language, locale and
 * time zone, cleaned names, the attached files, and formatters. Values from records are raw: pass any text a
 * person typed (names, references) through `text()` before writing it into a body.
 */
export interface EmailView<T extends NotificationType = NotificationType> extends EmailFormatting {
  readonly notification: NotificationOf<T>;
  readonly records: NotificationRecords<T>;
  /** The catalog's language (`en`, `de`, or one the host added). */
  readonly language: string;
  /** The customer's locale when the catalog speaks their language, else the catalog's language. */
  readonly locale: string;
  /** The customer's time zone: dates are the customer's calendar days. */
  readonly timeZone: string;
  /** The customer's name on one inert line. */
  readonly customerName: string;
  /** The seller's name on one inert line. */
  readonly sellerName: string;
  /** The file names of the attachments. */
  readonly attachments: readonly string[];
}
