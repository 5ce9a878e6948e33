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
  /**
   * Right-to-left text with Arabic or Hebrew letters, shaped by the font's OpenType tables (joining forms,
   * ligatures such as lam-alef, mark positions) in visual order: its width at size 1 and, per glyph, the `TJ`
   * adjustment (thousandths of an em) that places it where the font's positioning puts it.
   */
  shapeRightToLeft(text: string): ShapedRun;
}

/** A shaped right-to-left run: see {@link PreparedFont.shapeRightToLeft}. @internal */
export interface ShapedRun {
  readonly width: number;
  readonly adjustments: readonly number[];
}

/** Letters of the scripts set right to left and shaped by the font (Arabic, Hebrew, Syriac, Thaana, N'Ko). @internal */
export const RIGHT_TO_LEFT_LETTER = /(?=[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}])\p{L}/u;

/** fontkit's `layout` as it is: its declarations name two of the five parameters. */
type LayoutWithDirection = (
  this: FontkitFont,
  text: string,
  features: undefined,
  script: string | undefined,
  language: string | undefined,
  direction: 'ltr' | 'rtl',
) => ReturnType<FontkitFont['layout']>;

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
  const shapedRuns = new Map<string, ReturnType<FontkitFont['layout']>>();
  const shaped = (text: string) => {
    let run = shapedRuns.get(text);
    if (run === undefined) {
      // fontkit shapes in logical order and returns the glyphs in visual order for a right-to-left run.
      run = (parsedFont.layout as unknown as LayoutWithDirection).call(
        parsedFont,
        text,
        undefined,
        undefined,
        undefined,
        'rtl',
      );
      if (shapedRuns.size > 2000) shapedRuns.clear();
      shapedRuns.set(text, run);
    }
    return run;
  };
  parsed.set(
    embedBytes,
    withCharacterMapLayout(parsedFont, (text) => (RIGHT_TO_LEFT_LETTER.test(text) ? shaped(text) : undefined)),
  );
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
    shapeRightToLeft(text) {
      const { glyphs, positions } = shaped(text);
      const adjustments: number[] = [];
      let width = 0;
      let carry = 0; // how far the pen must move before the next glyph, beyond its predecessor's own width
      glyphs.forEach((glyph, i) => {
        const position = positions[i] as { xAdvance: number; xOffset: number };
        adjustments.push(-((carry + position.xOffset) * 1000 * scale));
        carry = position.xAdvance - glyph.advanceWidth - position.xOffset;
        width += position.xAdvance * scale;
      });
      return { width, adjustments };
    },
  };
  prepared.set(bytes, font);
  return font;
}

/**
 * The font as pdf-lib sees it: `layout` maps each code point to its glyph through the character map and
 * nothing more, except for right-to-left letters, which `shape` lays out (joined, in visual order). Full
 * shaping of Latin, Greek, Cyrillic and CJK (GSUB/GPOS, most of a render's time) would only swap in ligatures;
 * without it text is drawn exactly as it is measured. Everything else is the parsed font itself (prototype
 * delegation).
 */
function withCharacterMapLayout(
  font: FontkitFont,
  shape: (text: string) => ReturnType<FontkitFont['layout']> | undefined,
): FontkitFont {
  const glyphs = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  const view = Object.create(font) as FontkitFont;
  view.layout = (text: string) => {
    const shaped = shape(text);
    if (shaped !== undefined) return shaped;
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
