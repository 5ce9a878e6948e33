import { formatMoney, money, type NotificationType } from '@billfold/core';
import type { EmailView } from './email-view';
import { oneLine } from './mail-headers';
import type { NotificationRecords } from './notification-records';
import type { EmailCatalog } from './templates/email-template';

/** The catalog an email is written from, its language and the locale its values are formatted in. @internal */
export interface EmailLanguage {
  readonly language: string;
  readonly locale: string;
  readonly catalog: EmailCatalog;
}

/**
 * The customer's language when there is a catalog for it (`de-AT` → a `de-AT` catalog, else `de`), else English.
 * Values are formatted in the customer's locale when the catalog speaks their language, else in the catalog's.
 * @internal
 */
export function emailLanguage(customerLocale: string, catalogs: Readonly<Record<string, EmailCatalog>>): EmailLanguage {
  let locale: string | undefined;
  try {
    locale = Intl.getCanonicalLocales(customerLocale)[0];
  } catch {
    locale = undefined;
  }
  const tag = locale?.toLowerCase();
  const primary = tag?.split('-')[0];
  for (const language of [tag, primary]) {
    const catalog = language === undefined ? undefined : catalogs[language];
    if (catalog !== undefined) return { language: language as string, locale: locale as string, catalog };
  }
  return { language: 'en', locale: 'en', catalog: catalogs.en as EmailCatalog };
}

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string, style: 'long' | 'parts'): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    format =
      style === 'long'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
        : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (formats.size > 200) formats.clear();
    formats.set(key, format);
  }
  return format;
}

/** The customer's calendar day of `instant`, as days since the epoch. */
function dayNumber(instant: string, timeZone: string): number {
  const parts = dateFormat('en-CA', timeZone, 'parts').formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/** Builds the view a template writes from: records, language, cleaned names and formatters. @internal */
export function emailView<T extends NotificationType>(
  notification: EmailView<T>['notification'],
  records: NotificationRecords<T>,
  language: EmailLanguage,
  sellerName: string,
  attachments: readonly string[],
): EmailView<T> {
  const { locale } = language;
  const timeZone = records.customer.timeZone;
  const occurredDay = dayNumber(notification.occurredAt, timeZone);
  return {
    notification,
    records,
    language: language.language,
    locale,
    timeZone,
    customerName: oneLine(records.customer.name, 200),
    sellerName: oneLine(sellerName, 200),
    attachments,
    money: (amount, currency) => formatMoney(money(amount, currency), locale),
    date: (instant) => dateFormat(locale, timeZone, 'long').format(new Date(instant)),
    day: (date) => dateFormat(locale, 'UTC', 'long').format(new Date(`${date}T12:00:00Z`)),
    text: (value) => oneLine(value),
    daysPastDue: (dueAt) => occurredDay - dayNumber(dueAt, timeZone),
  };
}
