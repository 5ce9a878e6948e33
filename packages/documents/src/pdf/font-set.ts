import { mirrorReversed, needsBidi, visualRuns } from './bidi-order';
import { prepareFont, type PreparedFont, RIGHT_TO_LEFT_LETTER } from './font-cache';
import type { FontSources } from './font-sources';

const COMBINING = /\p{M}/u;

/** Which face a piece of text is set in: regular, bold, or the n-th fallback. @internal */
export type Face = 'regular' | 'bold' | number;

/**
 * A piece of text in one face, with its width at size 1, in visual order: `text` is what the face encodes
 * (right-to-left letters stay in logical order, the font shapes and reverses them; other right-to-left pieces are
 * already reversed), `adjustments` the `TJ` positioning of shaped glyphs.
 * @internal
 */
export interface TextRun {
  readonly text: string;
  readonly face: Face;
  readonly width: number;
  readonly adjustments?: readonly number[];
}

/**
 * The faces of one PDF: text is split into runs by which face has each character (regular/bold first, then
 * the fallbacks in order, loaded on first need), and measured from the fonts' advance widths.
 * @internal
 */
export class FontSet {
  readonly #regular: PreparedFont;
  readonly #bold: PreparedFont;
  readonly #sources: FontSources;
  readonly #fallbacks: (PreparedFont | null | undefined)[] = [];
  /** The faces some run used: only these are embedded. */
  readonly used = new Set<Face>();

  constructor(sources: FontSources) {
    this.#sources = sources;
    this.#regular = prepareFont(sources.regular);
    this.#bold = sources.bold === sources.regular ? this.#regular : prepareFont(sources.bold);
  }

  /** The prepared font behind a face. */
  font(face: Face): PreparedFont {
    if (face === 'regular') return this.#regular;
    if (face === 'bold') return this.#bold;
    return this.#fallback(face) as PreparedFont;
  }

  #fallback(index: number): PreparedFont | null {
    let font = this.#fallbacks[index];
    if (font === undefined) {
      const bytes = this.#sources.fallbacks[index]?.();
      font = bytes === undefined ? null : prepareFont(bytes);
      this.#fallbacks[index] = font;
    }
    return font;
  }

  /** Whether any face (loading fallbacks as needed) has a glyph for the code point. */
  covers(codePoint: number): boolean {
    if (this.#regular.has(codePoint) || this.#bold.has(codePoint)) return true;
    for (let i = 0; i < this.#sources.fallbacks.length; i++) if (this.#fallback(i)?.has(codePoint)) return true;
    return false;
  }

  #faceFor(codePoint: number, style: 'regular' | 'bold', previous: Face | undefined): Face {
    if (codePoint <= 0x20 || this.font(style).has(codePoint)) return style;
    // A combining mark (Arabic vowel signs, Hebrew points) stays with the letter before it when that face has it.
    if (
      previous !== undefined &&
      COMBINING.test(String.fromCodePoint(codePoint)) &&
      this.font(previous).has(codePoint)
    ) {
      return previous;
    }
    for (let i = 0; i < this.#sources.fallbacks.length; i++) {
      if (this.#fallback(i)?.has(codePoint)) return i;
    }
    return style; // no font has it: the style's .notdef box shows that something is missing
  }

  /**
   * `text` (one line) split into runs of one face each, with widths at size 1, in the order they are drawn
   * left to right: right-to-left scripts are reordered by the bidi algorithm and shaped by their font.
   */
  runs(text: string, style: 'regular' | 'bold'): TextRun[] {
    if (!needsBidi(text)) return this.#faceRuns(text, style);
    return visualRuns(text).flatMap(({ start, end, rtl }) => {
      const runs = this.#faceRuns(text.slice(start, end), style);
      if (!rtl) return runs;
      return runs.reverse().map((run) => {
        const font = this.font(run.face);
        if (RIGHT_TO_LEFT_LETTER.test(run.text)) return { ...run, ...font.shapeRightToLeft(run.text) };
        return { ...run, text: mirrorReversed(run.text) };
      });
    });
  }

  /** `text` split into runs of one face each (logical order), with widths at size 1. */
  #faceRuns(text: string, style: 'regular' | 'bold'): TextRun[] {
    const runs: TextRun[] = [];
    let face: Face | undefined;
    let start = 0;
    let width = 0;
    let index = 0;
    for (const char of text) {
      const codePoint = char.codePointAt(0) as number;
      const next = this.#faceFor(codePoint, style, face);
      if (next !== face) {
        if (face !== undefined && index > start) runs.push({ text: text.slice(start, index), face, width });
        face = next;
        start = index;
        width = 0;
      }
      width += this.font(next).advance(codePoint);
      index += char.length;
    }
    if (face !== undefined && index > start) runs.push({ text: text.slice(start), face, width });
    return runs;
  }

  /** The width of `text` at `size`. */
  width(text: string, size: number, style: 'regular' | 'bold'): number {
    let width = 0;
    for (const run of this.runs(text, style)) width += run.width;
    return width * size;
  }
}
