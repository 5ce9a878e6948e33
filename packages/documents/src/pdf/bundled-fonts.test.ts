import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledFonts } from './bundled-fonts';
import { prepareFont } from './font-cache';
import { defaultFontSources } from './platform.node';

const folder = new URL('../../fonts/', import.meta.url);
const listed = [bundledFonts.regular, bundledFonts.bold, ...bundledFonts.fallbacks];

describe('the fonts shipped in fonts/', () => {
  it('are exactly the listed ones: nothing shipped that the renderer never reads', () => {
    const shipped = readdirSync(folder).filter((file) => /\.(ttf|otf)$/.test(file));
    expect(shipped.sort()).toEqual([...listed].sort());
  });

  it('each sits beside its SIL Open Font License (<family>-OFL.txt, with its own copyright line)', () => {
    for (const file of listed) {
      const licence = new URL(`${file.split('-')[0]}-OFL.txt`, folder);
      expect(existsSync(licence), `${file} has no licence file`).toBe(true);
      const text = readFileSync(licence, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^Copyright /);
      expect(text).toContain('SIL OPEN FONT LICENSE Version 1.1');
    }
  });

  it('are what Node renders with by default, fallbacks included', () => {
    const sources = defaultFontSources();
    const byteLength = (file: string) => readFileSync(new URL(file, folder)).length;
    expect(sources.regular.length).toBe(byteLength(bundledFonts.regular));
    expect(sources.bold.length).toBe(byteLength(bundledFonts.bold));
    expect(sources.fallbacks.map((load) => load()?.length)).toEqual(bundledFonts.fallbacks.map(byteLength));
    // The CJK fallback draws what the Latin faces cannot.
    const cjk = sources.fallbacks[0]?.();
    expect(cjk && prepareFont(cjk).has('東'.codePointAt(0) as number)).toBe(true);
    expect(prepareFont(sources.regular).has('東'.codePointAt(0) as number)).toBe(false);
  });
});
