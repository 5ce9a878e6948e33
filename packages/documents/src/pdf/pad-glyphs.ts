/**
 * Rewrites a TrueType font so that every glyph starts at an even offset (each padded to 4 bytes, long `loca`).
 *
 * Why: fontkit's subsetter copies glyphs as they are and writes a short `loca` (offsets / 2) when the subset is
 * small, so a font with odd-length glyphs (Noto Sans, Noto Sans JP) comes out with glyphs that point one byte
 * off and render as nothing. Padding once, before the font is parsed, makes every subset well-formed.
 * Fonts without odd glyphs, and anything that is not a plain TrueType font, are returned unchanged.
 * @internal
 */
export function padGlyphs(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return bytes;
  const numTables = view.getUint16(4);
  const tables = new Map<string, { offset: number; length: number }>();
  const order: string[] = [];
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...bytes.subarray(record, record + 4));
    tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
    order.push(tag);
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !maxp || !loca || !glyf) return bytes;
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsets: number[] = [];
  for (let i = 0; i <= numGlyphs; i++) {
    offsets.push(longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);
  }
  // Only odd offsets break a short `loca`; fonts without them need no rewrite.
  if (!offsets.some((offset) => (offset & 1) === 1)) return bytes;

  // New glyf: each glyph padded to a multiple of 4; new loca in the long format.
  const padded = (length: number) => (length + 3) & ~3;
  let glyfLength = 0;
  for (let i = 0; i < numGlyphs; i++) glyfLength += padded((offsets[i + 1] as number) - (offsets[i] as number));
  const newGlyf = new Uint8Array(glyfLength);
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let position = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const start = glyf.offset + (offsets[i] as number);
    const length = (offsets[i + 1] as number) - (offsets[i] as number);
    locaView.setUint32(i * 4, position);
    newGlyf.set(bytes.subarray(start, start + length), position);
    position += padded(length);
  }
  locaView.setUint32(numGlyphs * 4, position);

  const data = new Map<string, Uint8Array>();
  for (const tag of order) {
    const table = tables.get(tag) as { offset: number; length: number };
    data.set(
      tag,
      tag === 'glyf' ? newGlyf : tag === 'loca' ? newLoca : bytes.slice(table.offset, table.offset + table.length),
    );
  }
  const newHead = data.get('head') as Uint8Array;
  const headView = new DataView(newHead.buffer, newHead.byteOffset, newHead.byteLength);
  headView.setInt16(50, 1); // indexToLocFormat: long
  headView.setUint32(8, 0); // checkSumAdjustment, recomputed below

  const headerLength = 12 + numTables * 16;
  let total = headerLength;
  for (const tag of order) total += padded((data.get(tag) as Uint8Array).length);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(bytes.subarray(0, 12));
  let offset = headerLength;
  let headOffset = 0;
  order.forEach((tag, i) => {
    const table = data.get(tag) as Uint8Array;
    const record = 12 + i * 16;
    out.set(bytes.subarray(record, record + 4), record);
    outView.setUint32(record + 4, checksum(table));
    outView.setUint32(record + 8, offset);
    outView.setUint32(record + 12, table.length);
    out.set(table, offset);
    if (tag === 'head') headOffset = offset;
    offset += padded(table.length);
  });
  outView.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

/** The OpenType table checksum: the sum of big-endian uint32 words, zero-padded. */
function checksum(data: Uint8Array): number {
  let sum = 0;
  const words = Math.floor(data.length / 4);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < words; i++) sum = (sum + view.getUint32(i * 4)) >>> 0;
  let last = 0;
  for (let i = words * 4; i < data.length; i++) last |= (data[i] as number) << (24 - 8 * (i - words * 4));
  return (sum + last) >>> 0;
}
