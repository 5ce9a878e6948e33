import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { padGlyphs } from './pad-glyphs';

type FontkitFont = ReturnType<typeof fontkit.create>;
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** A font parsed once and kept for every render: what pdf-lib embeds, and fast glyph look-ups. @internal */
export interface PreparedFont {
  /** The bytes pdf-lib embeds (glyphs padded for subsetting, see {@link padGlyphs}). */
  readonly bytes: Uint8Array;
  /** TrueType fonts are subset; CFF fonts are embedded whole (fontkit's CFF subsets are not valid fonts). */
  readonly subset: boolean;
  /** Whether the font draws this code point. */
  has(codePoint: number): boolean;
  /** The advance width of the code point's glyph at size 1 (in text space units). */
  advance(codePoint: number): number;
}

const prepared = new WeakMap<Uint8Array, PreparedFont>();
const parsed = new WeakMap<Uint8Array, FontkitFont>();

/**
 * Parses `bytes` once per `Uint8Array` (a WeakMap keeps it as long as the caller keeps the bytes):
 * later renders with the same array reuse the parsed font, its glyph cache and the width tables.
 * @internal
 */
export function prepareFont(bytes: Uint8Array): PreparedFont {
  let font = prepared.get(bytes);
  if (font !== undefined) return font;
  const embedBytes = padGlyphs(bytes);
  const parsedFont = fontkit.create(embedBytes);
  parsed.set(embedBytes, withCharacterMapLayout(parsedFont));
  const scale = 1 / parsedFont.unitsPerEm;
  const coverage = new Map<number, boolean>();
  const advances = new Map<number, number>();
  font = {
    bytes: embedBytes,
    subset: new DataView(embedBytes.buffer, embedBytes.byteOffset).getUint32(0) !== 0x4f54544f, // 'OTTO' = CFF
    has(codePoint) {
      let known = coverage.get(codePoint);
      if (known === undefined) {
        known = parsedFont.hasGlyphForCodePoint(codePoint);
        coverage.set(codePoint, known);
      }
      return known;
    },
    advance(codePoint) {
      let width = advances.get(codePoint);
      if (width === undefined) {
        width = parsedFont.glyphForCodePoint(codePoint).advanceWidth * scale;
        advances.set(codePoint, width);
      }
      return width;
    },
  };
  prepared.set(bytes, font);
  return font;
}

/**
 * The font as pdf-lib sees it: `layout` maps each code point to its glyph through the character map and
 * nothing more. pdf-lib draws glyph ids at their advance widths and ignores OpenType positioning anyway, so
 * full shaping (GSUB/GPOS, most of a render's time) only swapped in ligatures; without it text is drawn
 * exactly as it is measured. Everything else is the parsed font itself (prototype delegation).
 */
function withCharacterMapLayout(font: FontkitFont): FontkitFont {
  const glyphs = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  const view = Object.create(font) as FontkitFont;
  view.layout = (text: string) => {
    const run = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0) as number;
      let glyph = glyphs.get(codePoint);
      if (glyph === undefined) {
        glyph = font.glyphForCodePoint(codePoint);
        glyphs.set(codePoint, glyph);
      }
      run.push(glyph);
    }
    return { glyphs: run } as unknown as ReturnType<FontkitFont['layout']>;
  };
  return view;
}

/**
 * The fontkit pdf-lib is given: it hands back the already parsed font for bytes from {@link prepareFont},
 * so embedding costs no second parse.
 * @internal
 */
export const cachedFontkit: PdfLibFontkit = {
  create(buffer: Uint8Array) {
    return (parsed.get(buffer) ?? fontkit.create(buffer)) as unknown as ReturnType<PdfLibFontkit['create']>;
  },
};
