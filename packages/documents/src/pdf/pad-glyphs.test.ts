import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { padGlyphs } from './pad-glyphs';
import { defaultFontSources } from './platform.node';

type Font = ReturnType<typeof fontkit.create>;

function locaOffsets(bytes: Uint8Array): number[] {
  const font = fontkit.create(bytes) as Font & { loca: { offsets: number[] } };
  return font.loca.offsets;
}

/** Subsets `text` out of `bytes` with fontkit (as pdf-lib does) and returns each glyph's outline in the subset. */
async function subsetOutlines(bytes: Uint8Array, text: string): Promise<string[]> {
  const font = fontkit.create(bytes);
  const subset = font.createSubset();
  const glyphs = font.layout(text).glyphs;
  for (const glyph of glyphs) subset.includeGlyph(glyph);
  const parts: Uint8Array[] = [];
  await new Promise<void>((resolve, reject) => {
    subset.encodeStream().on('data', (chunk: Uint8Array) => parts.push(chunk)).on('end', resolve).on('error', reject);
  });
  const subsetFont = fontkit.create(Buffer.concat(parts));
  return glyphs.map((_, i) => subsetFont.getGlyph(i + 1).path.toSVG());
}

describe('padGlyphs', () => {
  const noto = defaultFontSources().regular;

  it('puts every glyph of Noto Sans on a 4-byte boundary without changing a glyph', () => {
    const before = locaOffsets(noto);
    expect(before.some((offset) => offset % 2 === 1)).toBe(true); // the reason it exists
    const padded = padGlyphs(noto);
    const after = locaOffsets(padded);
    expect(after).toHaveLength(before.length);
    expect(after.every((offset) => offset % 4 === 0)).toBe(true);
    const original = fontkit.create(noto);
    const fixed = fontkit.create(padded);
    for (const char of 'AgŁ₹Øë') {
      const cp = char.codePointAt(0) as number;
      expect(fixed.glyphForCodePoint(cp).path.toSVG()).toBe(original.glyphForCodePoint(cp).path.toSVG());
      expect(fixed.glyphForCodePoint(cp).advanceWidth).toBe(original.glyphForCodePoint(cp).advanceWidth);
    }
  });

  it('writes valid table checksums (the whole font sums to 0xB1B0AFBA)', () => {
    const padded = padGlyphs(noto);
    const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
    let sum = 0;
    for (let i = 0; i + 4 <= padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });

  it('makes fontkit subsets keep their outlines (they are lost without it)', async () => {
    const text = 'Zoë Invoice';
    const original = fontkit.create(noto);
    const expected = [...original.layout(text).glyphs].map((g) => g.path.toSVG());
    expect(await subsetOutlines(padGlyphs(noto), text)).toEqual(expected);
    expect(await subsetOutlines(noto, text)).not.toEqual(expected);
  });

  it('leaves anything but a TrueType font alone', () => {
    const cff = new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(padGlyphs(cff)).toBe(cff);
    const padded = padGlyphs(noto);
    expect(padGlyphs(padded)).toBe(padded); // already even: returned as is
  });
});
