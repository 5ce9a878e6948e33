import { z } from 'zod';
import type { DocumentMessages } from './messages/document-messages';
import { SellerProfileSchema } from './seller-profile';

/** The document formats: a printable HTML page, a PDF, a CSV for accountants, a UBL 2.1 e-invoice. */
export const DocumentFormatSchema = z.enum(['html', 'pdf', 'csv', 'ubl']);

/** One of the document formats, see {@link DocumentFormatSchema}. */
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

/** The paper a PDF is laid out for. */
export const PaperSizeSchema = z.enum(['A4', 'Letter']);

/** `A4` or `Letter`. */
export type PaperSize = z.infer<typeof PaperSizeSchema>;

const FontBytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.byteLength > 12, {
  message: 'expected the bytes of a TrueType or OpenType font as a Uint8Array',
});

/**
 * The fonts a PDF is set in, as bytes (TrueType fonts are subset; OpenType/CFF fonts are embedded whole).
 * In Node the default is Noto Sans, with Noto Sans JP as fallback for CJK when it is installed; in a browser,
 * fetch the font files and pass them here. Parsed fonts are cached by their `Uint8Array`: pass the same
 * arrays on every render.
 */
export const PdfFontsSchema = z.strictObject({
  regular: FontBytesSchema,
  /** Used for headings and totals; defaults to `regular`. */
  bold: FontBytesSchema.optional(),
  /** Tried in order for characters the regular/bold font lacks (CJK, symbols). */
  fallbacks: z.array(FontBytesSchema).max(8).optional(),
});

/** Font bytes for PDFs, see {@link PdfFontsSchema}. */
export type PdfFonts = z.infer<typeof PdfFontsSchema>;

const validLocales = new Set<string>();
const validTimeZones = new Set<string>(['UTC']);

/** A BCP 47 language tag that `Intl` accepts (`en`, `de-DE`). */
const LocaleSchema = z
  .string()
  .min(2)
  .max(35)
  .refine((locale) => {
    if (validLocales.has(locale)) return true;
    try {
      Intl.getCanonicalLocales(locale);
      new Intl.NumberFormat(locale);
      validLocales.add(locale);
      return true;
    } catch {
      return false;
    }
  }, 'a BCP 47 language tag such as "en-US" or "de"');

/** An IANA time zone that `Intl` knows (`Europe/Berlin`). */
const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    if (validTimeZones.has(zone)) return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      validTimeZones.add(zone);
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as "Europe/Berlin"');

const MessagesSchema = z.custom<DocumentMessages>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DocumentMessages).invoice === 'string' &&
    typeof (value as DocumentMessages).pageOf === 'function',
  { message: 'expected a message catalog shaped like the English one (`en`)' },
);

/** A custom field printed in the document header (`PO number: 4711`). */
export const CustomFieldSchema = z.strictObject({ name: z.string().min(1).max(40), value: z.string().max(500) });

/**
 * Options of {@link renderInvoice} and {@link renderCreditNote}.
 * `locale` defaults to the customer's locale on the invoice; a language without a catalog (built in: `en`, `de`)
 * renders in English unless `messages` gives one. Dates are shown in `timeZone`, by default the customer's time
 * zone frozen on the invoice (so the printed due date is the engine's), else UTC.
 */
export const RenderOptionsSchema = z.strictObject({
  format: DocumentFormatSchema,
  locale: LocaleSchema.optional(),
  seller: SellerProfileSchema,
  /** Default: the customer's time zone on the invoice (older invoices: UTC). */
  timeZone: TimeZoneSchema.optional(),
  /** PDF only. */
  paperSize: PaperSizeSchema.default('A4'),
  /** PDF only; see {@link PdfFontsSchema}. */
  fonts: PdfFontsSchema.optional(),
  /** A catalog for a language without a built-in one (built in: `en`, `de`). */
  messages: MessagesSchema.optional(),
  /** Printed in the header of HTML and PDF documents and as notes in UBL. */
  customFields: z.array(CustomFieldSchema).max(10).default([]),
});

/** Options of the render functions as passed in, see {@link RenderOptionsSchema}. */
export type RenderOptions = z.input<typeof RenderOptionsSchema>;

/** Options after validation and defaults. @internal */
export type ResolvedRenderOptions = z.output<typeof RenderOptionsSchema>;
