import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { bundledFonts } from './bundled-fonts';
import type { FontSources } from './font-sources';

// Node only: package.json "imports" maps #platform here under the "node" condition and to platform.browser.ts
// elsewhere, so browser bundles never see node:* modules.

const require = createRequire(import.meta.url);

let sources: FontSources | undefined;
const fallbacks = new Map<string, Uint8Array>();

/**
 * A font file of the package's `fonts/` folder, found through the package's own `./fonts/*` export so the
 * same code works from `src/` and from `dist/`.
 */
function readBundledFont(file: string): Uint8Array {
  return new Uint8Array(readFileSync(require.resolve(`@billfold/documents/fonts/${file}`)));
}

/** A fallback font, read on the first character that needs it and kept for the process. */
function bundledFallback(file: string): () => Uint8Array {
  return () => {
    let bytes = fallbacks.get(file);
    if (bytes === undefined) {
      bytes = readBundledFont(file);
      fallbacks.set(file, bytes);
    }
    return bytes;
  };
}

/**
 * The default fonts in Node: the {@link bundledFonts} shipped with the package (Noto Sans regular and bold; Noto
 * Sans JP, Arabic and Hebrew as fallbacks, each read on first need). Read once per process.
 * @internal
 */
export function defaultFontSources(): FontSources {
  sources ??= {
    regular: readBundledFont(bundledFonts.regular),
    bold: readBundledFont(bundledFonts.bold),
    fallbacks: bundledFonts.fallbacks.map(bundledFallback),
  };
  return sources;
}

/**
 * zlib's deflate for PDF streams: native, and several times faster than pdf-lib's JavaScript deflate, which
 * spends most of a small PDF's time setting up its buffers. Output is deterministic for a given zlib.
 * @internal
 */
export const deflate: ((data: Uint8Array) => Uint8Array) | undefined = (data) => deflateSync(data, { level: 6 });
