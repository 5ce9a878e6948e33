/**
 * Where each event of a usage file starts (its line number, from 1), kept compactly: one anchor per place where
 * events stop following one line after another (the CSV header, a blank line, a quoted value spanning lines), so a
 * file of a million one-line events costs one anchor, not a million numbers.
 */
export class EventLines {
  /** Pairs of event index and its line, in index order. */
  private readonly anchors: { readonly index: number; readonly line: number }[] = [];

  /** Notes that event `index` (the next one, in order) starts on `line`. */
  record(index: number, line: number): void {
    const last = this.anchors.at(-1);
    if (last === undefined || last.line + (index - last.index) !== line) this.anchors.push({ index, line });
  }

  /** The line event `index` starts on, or `undefined` for an event not read yet. */
  lineOf(index: number): number | undefined {
    let low = 0;
    let high = this.anchors.length - 1;
    let found: { readonly index: number; readonly line: number } | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const anchor = this.anchors[middle] as { readonly index: number; readonly line: number };
      if (anchor.index <= index) {
        found = anchor;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found === undefined ? undefined : found.line + (index - found.index);
  }
}
