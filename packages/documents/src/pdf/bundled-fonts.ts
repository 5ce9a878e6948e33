/**
 * The font files this package ships in its `fonts/` folder (each beside its SIL Open Font License), which Node
 * renders PDFs with when the caller passes no `fonts`. Only these faces are shipped, not whole families.
 * To support another script, add its TrueType file and licence to `fonts/` and its file name to `fallbacks`.
 * @internal
 */
export const bundledFonts = {
  /** Latin, Greek, Cyrillic and many currency signs (₹ ₺ ₽ …). */
  regular: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  /** Tried in order for a character the regular or bold face lacks; each is read on first need. */
  fallbacks: [
    /** Japanese kana and kanji, and the Chinese characters they share (5 MB, read only when an invoice has such text). */
    'NotoSansJP-Regular.ttf',
    /** Arabic (shaped by the font's OpenType tables). */
    'NotoSansArabic-Regular.ttf',
    'NotoSansHebrew-Regular.ttf',
  ],
} as const;
