import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { padGlyphs } from './pad-glyphs';
import { defaultFontSources } from './platform.node';

type Font = ReturnType<typeof fontkit.create>;

function locaOffsets(bytes: Uint8Array): number[] {
  const font = fontkit.create(bytes) as Font & { loca: { offsets: number[] } };
  return font.loca.offsets;
}

/** The bytes of glyph `id` of a TrueType font, read through its own table directory, `head` and `loca`. */
function glyphBytes(bytes: Uint8Array, id: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + i * 16;
    tables.set(String.fromCharCode(...bytes.subarray(record, record + 4)), view.getUint32(record + 8));
  }
  const long = view.getInt16((tables.get('head') as number) + 50) === 1;
  const loca = tables.get('loca') as number;
  const at = (i: number) => (long ? view.getUint32(loca + i * 4) : view.getUint16(loca + i * 2) * 2);
  const glyf = tables.get('glyf') as number;
  return bytes.subarray(glyf + at(id), glyf + at(id + 1));
}

/** Subsets `text` out of `bytes` with fontkit, as pdf-lib does: each glyph's bytes in the subset, and in the font. */
async function subsetGlyphs(bytes: Uint8Array, text: string): Promise<{ inSubset: Uint8Array; inFont: Uint8Array }[]> {
  const font = fontkit.create(bytes);
  const subset = font.createSubset();
  const glyphs = [...font.layout(text).glyphs];
  const ids = glyphs.map((glyph) => subset.includeGlyph(glyph));
  const parts: Uint8Array[] = [];
  await new Promise<void>((resolve) => {
    subset
      .encodeStream()
      .on('data', (chunk: Uint8Array) => parts.push(chunk))
      .on('end', () => resolve());
  });
  const subsetBytes = new Uint8Array(Buffer.concat(parts));
  return glyphs.map((glyph, i) => ({
    inSubset: glyphBytes(subsetBytes, ids[i] as number),
    inFont: glyphBytes(bytes, glyph.id),
  }));
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

  it('makes fontkit subsets keep their outlines (they come out shifted without it)', async () => {
    // Simple glyphs only (composite ones get their component ids rewritten in a subset).
    const text = 'ZInvcWxy';
    const intact = (pairs: { inSubset: Uint8Array; inFont: Uint8Array }[]) =>
      pairs.every(({ inSubset, inFont }) =>
        Buffer.from(inSubset.subarray(0, inFont.length)).equals(Buffer.from(inFont)),
      );
    expect(intact(await subsetGlyphs(padGlyphs(noto), text))).toBe(true);
    expect(intact(await subsetGlyphs(noto, text))).toBe(false);
  });

  it('leaves anything but a TrueType font alone', () => {
    const cff = new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(padGlyphs(cff)).toBe(cff);
    const padded = padGlyphs(noto);
    expect(padGlyphs(padded)).toBe(padded); // already even: returned as is
  });
});
