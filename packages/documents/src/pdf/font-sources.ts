/**
 * Where a PDF's fonts come from: the regular and bold faces, and fallbacks loaded only when a character
 * needs one (a CJK font is large; most invoices never touch it).
 * @internal
 */
export interface FontSources {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly fallbacks: readonly (() => Uint8Array | undefined)[];
}
