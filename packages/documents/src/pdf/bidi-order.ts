import bidiFactory from 'bidi-js';

/** A stretch of a line at one bidi embedding level (odd: right to left), as UTF-16 offsets `[start, end)`. @internal */
export interface LevelRun {
  readonly start: number;
  readonly end: number;
  readonly rtl: boolean;
}

let bidi: ReturnType<typeof bidiFactory> | undefined;

/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Whether a line needs the bidi algorithm at all (most invoices never do). @internal */
export function needsBidi(line: string): boolean {
  return RIGHT_TO_LEFT.test(line);
}

/**
 * One line's runs in visual order, left to right on the page: the Unicode Bidirectional Algorithm (UAX #9, via
 * bidi-js) resolves each character's level, the paragraph direction taken from the line's first strong
 * character, and runs are reordered by rule L2 (from the highest level down to the lowest odd one, every
 * sequence at that level or above is reversed).
 * @internal
 */
export function visualRuns(line: string): LevelRun[] {
  bidi ??= bidiFactory();
  const { levels } = bidi.getEmbeddingLevels(line, 'auto');
  const runs: { start: number; end: number; level: number }[] = [];
  for (let i = 0; i < line.length; i++) {
    const level = levels[i] as number;
    const last = runs.at(-1);
    if (last !== undefined && last.level === level) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, level });
  }
  const highest = Math.max(0, ...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => (run.level % 2 === 1 ? run.level : Number.POSITIVE_INFINITY)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < runs.length; ) {
      if ((runs[i] as { level: number }).level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j] as { level: number }).level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs.map((run) => ({ start: run.start, end: run.end, rtl: run.level % 2 === 1 }));
}

/** `text` written right to left with the characters of a left-to-right font: reversed, brackets mirrored. @internal */
export function mirrorReversed(text: string): string {
  bidi ??= bidiFactory();
  const b = bidi;
  return [...text]
    .reverse()
    .map((char) => b.getMirroredCharacter(char) ?? char)
    .join('');
}
