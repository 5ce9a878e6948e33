import type { PaperSize } from '../render-options';
import type { Face, FontSet } from './font-set';

/** An RGB colour, each channel 0–1. @internal */
export type Rgb = readonly [number, number, number];

/** One drawing operation, recorded during layout and replayed onto pdf-lib pages. @internal */
export type DrawOp =
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly size: number;
      readonly face: Face;
      readonly text: string;
      readonly color: Rgb;
      /** `TJ` positioning per glyph of shaped right-to-left text (see `TextRun`). */
      readonly adjustments?: readonly number[];
    }
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly color: Rgb;
    }
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly x2: number;
      readonly y: number;
      readonly thickness: number;
      readonly color: Rgb;
    };

/** Text styles of the layout. @internal */
export interface TextStyle {
  readonly size: number;
  readonly style?: 'regular' | 'bold';
  readonly color?: Rgb;
  readonly align?: 'left' | 'right';
}

/** Colours: body text ≈ 16:1 and muted text ≈ 8:1 against white. @internal */
export const INK: Rgb = [0.1, 0.11, 0.13];
/** Secondary text. @internal */
export const MUTED: Rgb = [0.3, 0.32, 0.35];
/** Rules between rows. @internal */
export const RULE: Rgb = [0.8, 0.82, 0.85];
/** The table header's background. @internal */
export const SHADE: Rgb = [0.94, 0.95, 0.96];

const PAPER: Record<PaperSize, readonly [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };
const MARGIN = 48;
/** Space kept free at the bottom of every page for the footer. */
const FOOTER_SPACE = 30;
const ELLIPSIS = '…';

/**
 * Lays out pages top-down: a cursor `y`, text in runs of the faces that have each character, word wrapping
 * (long words break anywhere), and page breaks that call {@link PageLayout.onNewPage} (which redraws headers).
 * Nothing touches pdf-lib here: the pages are lists of {@link DrawOp}s.
 * @internal
 */
export class PageLayout {
  readonly width: number;
  readonly height: number;
  readonly left = MARGIN;
  readonly right: number;
  readonly top: number;
  readonly bottom = MARGIN + FOOTER_SPACE;
  readonly pages: DrawOp[][] = [];
  /** Baseline-independent cursor: the top of the next thing to draw. */
  y: number;
  /** Called after each page break, with the cursor at the top of the new page. */
  onNewPage: () => void = () => {};
  readonly fonts: FontSet;

  constructor(fonts: FontSet, paper: PaperSize) {
    this.fonts = fonts;
    [this.width, this.height] = PAPER[paper];
    this.right = this.width - MARGIN;
    this.top = this.height - MARGIN;
    this.y = this.top;
    this.pages.push([]);
  }

  get contentWidth(): number {
    return this.right - this.left;
  }

  #target: number | undefined;

  #ops(): DrawOp[] {
    return this.pages[this.#target ?? this.pages.length - 1] as DrawOp[];
  }

  /** Runs `draw` with its output going to page `index` (for footers drawn once the page count is known). */
  drawOn(index: number, draw: () => void): void {
    this.#target = index;
    try {
      draw();
    } finally {
      this.#target = undefined;
    }
  }

  /** Starts a new page and lets the current {@link PageLayout.onNewPage} draw its header. */
  newPage(): void {
    this.pages.push([]);
    this.y = this.top;
    this.onNewPage();
  }

  /** Breaks the page when fewer than `height` points are left; returns whether it did. */
  ensure(height: number): boolean {
    if (this.y - height >= this.bottom) return false;
    this.newPage();
    return true;
  }

  /** Draws one line of text with its baseline at `baseline`; `x` is the right edge when right-aligned. */
  text(text: string, x: number, baseline: number, style: TextStyle): number {
    const weight = style.style ?? 'regular';
    const runs = this.fonts.runs(text, weight);
    let width = 0;
    for (const run of runs) width += run.width * style.size;
    let cursor = style.align === 'right' ? x - width : x;
    for (const run of runs) {
      if (run.text.trim() !== '') {
        this.fonts.used.add(run.face);
        this.#ops().push({
          kind: 'text',
          x: cursor,
          y: baseline,
          size: style.size,
          face: run.face,
          text: run.text,
          color: style.color ?? INK,
          ...(run.adjustments !== undefined ? { adjustments: run.adjustments } : {}),
        });
      }
      cursor += run.width * style.size;
    }
    return width;
  }

  /** A horizontal rule at `y`. */
  line(x1: number, x2: number, y: number, thickness = 0.5, color: Rgb = RULE): void {
    this.#ops().push({ kind: 'line', x1, x2, y, thickness, color });
  }

  /** A filled rectangle with its top-left corner at (`x`, `top`). */
  rect(x: number, top: number, width: number, height: number, color: Rgb): void {
    this.#ops().push({ kind: 'rect', x, y: top - height, width, height, color });
  }

  /** `text` broken into lines no wider than `width`, at most `maxLines` (the last one ends in "…" when cut). */
  wrap(text: string, width: number, style: TextStyle, maxLines = Number.POSITIVE_INFINITY): string[] {
    const weight = style.style ?? 'regular';
    const measure = (s: string) => this.fonts.width(s, style.size, weight);
    const lines: string[] = [];
    // Pushing line maxLines + 1 means there is more text than room: cut there.
    const full = (line: string) => lines.push(line) > maxLines;
    for (const paragraph of text.split('\n')) {
      let current = '';
      for (const word of paragraph.split(' ')) {
        const candidate = current === '' ? word : `${current} ${word}`;
        if (measure(candidate) <= width) {
          current = candidate;
          continue;
        }
        if (current !== '' && full(current)) return this.#cut(lines, maxLines, width, measure);
        current = '';
        for (const char of word) {
          if (current !== '' && measure(current + char) > width) {
            if (full(current)) return this.#cut(lines, maxLines, width, measure);
            current = '';
          }
          current += char;
        }
      }
      if (full(current)) return this.#cut(lines, maxLines, width, measure);
    }
    return lines;
  }

  #cut(lines: string[], maxLines: number, width: number, measure: (s: string) => number): string[] {
    lines.length = maxLines;
    let last = [...(lines[maxLines - 1] ?? '')];
    while (last.length > 0 && measure(last.join('') + ELLIPSIS) > width) last = last.slice(0, -1);
    lines[maxLines - 1] = last.join('') + ELLIPSIS;
    return lines;
  }

  /** Wrapped text at the cursor, breaking pages between lines; moves the cursor below it. */
  paragraph(text: string, x: number, width: number, style: TextStyle, maxLines?: number): void {
    const lineHeight = style.size * 1.35;
    for (const line of this.wrap(text, width, style, maxLines)) {
      this.ensure(lineHeight);
      this.text(line, style.align === 'right' ? x + width : x, this.y - style.size, style);
      this.y -= lineHeight;
    }
  }
}
