import { deflate } from '#platform';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { cachedFontkit } from './font-cache';
import type { Face, FontSet } from './font-set';
import type { DrawOp, PageLayout, Rgb } from './page-layout';
import { serializeSubsetSynchronously } from './sync-subset';

/** Document information written into the PDF (from the invoice, never the wall clock). @internal */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly language: string;
  readonly date: Date;
}

const n = (value: number) => (Math.round(value * 100) / 100).toString();
const color = (rgb: Rgb, operator: 'rg' | 'RG') => `${rgb.map(n).join(' ')} ${operator}`;

/** A PDF text string in UTF-16BE with its byte-order mark, as hex: `<FEFF0627…>`. */
function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/**
 * A `TJ` array from a hex string of 2-byte glyph ids (`<00120034>`) and the adjustment before each glyph,
 * in thousandths of an em (positive moves left): `[<0012> -120 <0034>]`.
 */
function positioned(glyphs: string, adjustments: readonly number[]): string {
  const ids = glyphs.slice(1, -1).match(/.{4}/g) ?? [];
  const parts: string[] = [];
  ids.forEach((id, i) => {
    const adjustment = Math.round(adjustments[i] ?? 0);
    if (adjustment !== 0) parts.push(String(adjustment));
    parts.push(`<${id}>`);
  });
  return `[${parts.join(' ')}]`;
}

/**
 * One page's content stream, written directly as PDF operators: a text object per run (font, size, colour,
 * position, glyph ids), filled rectangles and stroked lines. pdf-lib's drawText builds a dozen operator
 * objects per call; writing the operators as text is what keeps a PDF under 10 ms.
 */
function pageContent(ops: readonly DrawOp[], fonts: ReadonlyMap<Face, { font: PDFFont; key: string }>): string {
  const out: string[] = [];
  for (const op of ops) {
    switch (op.kind) {
      case 'text': {
        const face = fonts.get(op.face) as { font: PDFFont; key: string };
        const glyphs = face.font.encodeText(op.text).toString();
        const show = op.adjustments === undefined ? `${glyphs} Tj` : `${positioned(glyphs, op.adjustments)} TJ`;
        const text = `BT ${face.key} ${n(op.size)} Tf ${color(op.color, 'rg')} ${n(op.x)} ${n(op.y)} Td ${show} ET`;
        // Shaped glyphs (joining forms, ligatures) can stand for several letters, or for different letters that
        // share a shape: the run's own letters, as ActualText, are what copying and text extraction give back.
        // Like the glyphs, they are given in visual order (readers put right-to-left text back in logical order).
        const letters = [...op.text].reverse().join('');
        out.push(op.adjustments === undefined ? text : `/Span <</ActualText ${utf16Hex(letters)}>> BDC ${text} EMC`);
        break;
      }
      case 'rect':
        out.push(`${color(op.color, 'rg')} ${n(op.x)} ${n(op.y)} ${n(op.width)} ${n(op.height)} re f`);
        break;
      case 'line':
        out.push(`${color(op.color, 'RG')} ${n(op.thickness)} w ${n(op.x1)} ${n(op.y)} m ${n(op.x2)} ${n(op.y)} l S`);
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown draw op ${JSON.stringify(never)}`);
      }
    }
  }
  return out.join('\n');
}

/**
 * Routes the document's compressed streams (font files, ToUnicode maps, page contents) through the platform's
 * native deflate when there is one; pdf-lib's own (pako) stays the fallback.
 */
function useNativeDeflate(doc: PDFDocument): void {
  const compress = deflate;
  if (compress === undefined) return;
  const context = doc.context;
  const encoder = new TextEncoder();
  context.flateStream = (contents, dict = {}) => {
    const bytes = typeof contents === 'string' ? encoder.encode(contents) : contents;
    return context.stream(compress(bytes), { ...dict, Filter: 'FlateDecode' });
  };
}

/**
 * Replays laid-out pages into a new pdf-lib document: embeds only the faces used (TrueType subset), writes
 * each page's content stream (compressed), sets title, author, language and dates from `metadata`, and saves.
 * The same input gives the same bytes.
 * @internal
 */
export async function writePdf(layout: PageLayout, fonts: FontSet, metadata: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  useNativeDeflate(doc);
  const embedded = new Map<Face, PDFFont>();
  for (const face of [...fonts.used].sort((a, b) => String(a).localeCompare(String(b)))) {
    const font = fonts.font(face);
    const pdfFont = await doc.embedFont(font.bytes, { subset: font.subset });
    if (font.subset) serializeSubsetSynchronously(pdfFont);
    embedded.set(face, pdfFont);
  }
  for (const ops of layout.pages) {
    const page = doc.addPage([layout.width, layout.height]);
    const keys = new Map<Face, { font: PDFFont; key: string }>();
    for (const [face, font] of embedded)
      keys.set(face, { font, key: page.node.newFontDictionary(font.name, font.ref).toString() });
    page.node.addContentStream(doc.context.register(doc.context.flateStream(pageContent(ops, keys))));
  }
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setLanguage(metadata.language);
  doc.setCreator('Billfold');
  doc.setProducer('Billfold documents (pdf-lib)');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  // pdf-lib yields to the event loop (a timer) every 50 objects by default: write in one go.
  // Without object streams: fewer deflate passes, and the file is barely larger.
  return doc.save({ objectsPerTick: 100_000, useObjectStreams: false });
}
