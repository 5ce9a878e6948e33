import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import type { FontSources } from './font-sources';

// Node only: package.json "imports" maps #platform here under the "node" condition and to platform.browser.ts
// elsewhere, so browser bundles never see node:* modules.

const require = createRequire(import.meta.url);

const REGULAR = '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf';
const BOLD = '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf';
const CJK = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';
const ARABIC = '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf';
const HEBREW = '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf';

let sources: FontSources | undefined;
let cjk: Uint8Array | null | undefined;
const loaded = new Map<string, Uint8Array>();

/** A fallback font read on first need, then kept. */
const fallback = (specifier: string) => () => {
  let bytes = loaded.get(specifier);
  if (bytes === undefined) {
    bytes = readPackageFile(specifier);
    loaded.set(specifier, bytes);
  }
  return bytes;
};

function readPackageFile(specifier: string): Uint8Array {
  return new Uint8Array(readFileSync(require.resolve(specifier)));
}

/**
 * The default fonts in Node: Noto Sans regular and bold (Latin, Greek, Cyrillic, ₹ ₺ ₽ …), Noto Sans Arabic and
 * Noto Sans Hebrew as fallbacks for right-to-left text and, when the optional package is installed, Noto Sans JP
 * for CJK (fallbacks are read on first need). Read once per process.
 * @internal
 */
export function defaultFontSources(): FontSources {
  sources ??= {
    regular: readPackageFile(REGULAR),
    bold: readPackageFile(BOLD),
    fallbacks: [
      () => {
        if (cjk === undefined) {
          try {
            cjk = readPackageFile(CJK);
          } catch {
            cjk = null; // optional dependency not installed: CJK characters print as missing glyphs
          }
        }
        return cjk ?? undefined;
      },
      fallback(ARABIC),
      fallback(HEBREW),
    ],
  };
  return sources;
}

/**
 * zlib's deflate for PDF streams: native, and several times faster than pdf-lib's JavaScript deflate, which
 * spends most of a small PDF's time setting up its buffers. Output is deterministic for a given zlib.
 * @internal
 */
export const deflate: ((data: Uint8Array) => Uint8Array) | undefined = (data) => deflateSync(data, { level: 6 });
