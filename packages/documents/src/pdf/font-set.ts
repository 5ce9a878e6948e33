import { prepareFont, type PreparedFont } from './font-cache';
import type { FontSources } from './font-sources';

/** Which face a piece of text is set in: regular, bold, or the n-th fallback. @internal */
export type Face = 'regular' | 'bold' | number;

/** A piece of text in one face, with its width at size 1. @internal */
export interface TextRun {
  readonly text: string;
  readonly face: Face;
  readonly width: number;
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

  #faceFor(codePoint: number, style: 'regular' | 'bold'): Face {
    if (codePoint <= 0x20 || this.font(style).has(codePoint)) return style;
    for (let i = 0; i < this.#sources.fallbacks.length; i++) {
      if (this.#fallback(i)?.has(codePoint)) return i;
    }
    return style; // no font has it: the style's .notdef box shows that something is missing
  }

  /** `text` split into runs of one face each, with widths at size 1. */
  runs(text: string, style: 'regular' | 'bold'): TextRun[] {
    const runs: TextRun[] = [];
    let face: Face | undefined;
    let start = 0;
    let width = 0;
    let index = 0;
    for (const char of text) {
      const codePoint = char.codePointAt(0) as number;
      const next = this.#faceFor(codePoint, style);
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
