import { catalogFor, messagesFor } from './messages/document-messages';
import { createLocalizer, type Localizer } from './model/localizer';
import type { DocumentFormat, ResolvedRenderOptions } from './render-options';

/** A rendered document: its bytes (PDF) or text (HTML, CSV, XML), MIME type and a file name. */
export interface RenderedDocument<F extends DocumentFormat = DocumentFormat> {
  readonly body: F extends 'pdf' ? Uint8Array : string;
  readonly mimeType: string;
  /** The document number made file-safe plus the format's extension: `INV-2026-000123.pdf`. */
  readonly fileName: string;
}

/** MIME type and file extension per format. @internal */
export const FILE_TYPES: Record<DocumentFormat, { mimeType: string; extension: string }> = {
  html: { mimeType: 'text/html; charset=utf-8', extension: 'html' },
  pdf: { mimeType: 'application/pdf', extension: 'pdf' },
  csv: { mimeType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  ubl: { mimeType: 'application/xml; charset=utf-8', extension: 'xml' },
};

/** The document number made file-safe plus the format's extension. */
function fileName(number: string, format: DocumentFormat): string {
  const safe =
    number
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 120) || 'document';
  return `${safe}.${FILE_TYPES[format].extension}`;
}

/** The caller's locale, else the customer's if `Intl` knows it, else English. @internal */
export function requestedLocale(
  options: Pick<ResolvedRenderOptions, 'locale'>,
  customerLocale: string | undefined,
): string {
  if (options.locale !== undefined) return options.locale;
  try {
    if (customerLocale) return Intl.getCanonicalLocales(customerLocale)[0] ?? 'en';
  } catch {
    // an unusable stored locale falls back to English rather than failing the document
  }
  return 'en';
}

/**
 * The localizer of one document: the caller's locale, else the customer's, else English; a language without a
 * catalog renders wholly in English, labels and formats alike, not half and half.
 * @internal
 */
export function localizerFor(
  options: Pick<ResolvedRenderOptions, 'locale' | 'messages'>,
  customerLocale: string | undefined,
  timeZone: string,
  currency: string,
): Localizer {
  const requested = requestedLocale(options, customerLocale);
  const messages = options.messages ?? catalogFor(requested);
  const locale = messages === undefined ? 'en' : requested;
  return createLocalizer(locale, timeZone, currency, messages ?? messagesFor('en'));
}

/** A rendered document: `body` in `format`, named after the document `number` (`INV-2026-000123.pdf`). @internal */
export function renderedDocument<F extends DocumentFormat>(
  body: string | Uint8Array,
  format: F,
  number: string,
): RenderedDocument<F> {
  return {
    body: body as RenderedDocument<F>['body'],
    mimeType: FILE_TYPES[format].mimeType,
    fileName: fileName(number, format),
  };
}
