import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { cachedFontkit } from './font-cache';
import type { Face, FontSet } from './font-set';
import type { DrawOp, PageLayout } from './page-layout';

/** Document information written into the PDF (from the invoice, never the wall clock). @internal */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly language: string;
  readonly date: Date;
}

function draw(page: PDFPage, op: DrawOp, fonts: ReadonlyMap<Face, PDFFont>): void {
  switch (op.kind) {
    case 'text':
      page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: fonts.get(op.face), color: rgb(...op.color) });
      break;
    case 'rect':
      page.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: rgb(...op.color) });
      break;
    case 'line':
      page.drawLine({ start: { x: op.x1, y: op.y }, end: { x: op.x2, y: op.y }, thickness: op.thickness, color: rgb(...op.color) });
      break;
    default: {
      const never: never = op;
      throw new Error(`unknown draw op ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Replays laid-out pages onto a new pdf-lib document: embeds only the faces used (TrueType subset), draws,
 * sets title, author, language and dates from `metadata`, and saves. The same input gives the same bytes.
 * @internal
 */
export async function writePdf(layout: PageLayout, fonts: FontSet, metadata: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  const embedded = new Map<Face, PDFFont>();
  for (const face of [...fonts.used].sort((a, b) => String(a).localeCompare(String(b)))) {
    const font = fonts.font(face);
    embedded.set(face, await doc.embedFont(font.bytes, { subset: font.subset }));
  }
  for (const ops of layout.pages) {
    const page = doc.addPage([layout.width, layout.height]);
    for (const op of ops) draw(page, op, embedded);
  }
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setAuthor(metadata.author);
  doc.setSubject(metadata.subject);
  doc.setLanguage(metadata.language);
  doc.setCreator('Billfold');
  doc.setProducer('Billfold documents (pdf-lib)');
  doc.setCreationDate(metadata.date);
  doc.setModificationDate(metadata.date);
  // pdf-lib yields to the event loop every 50 objects by default (a timer each time): write in one go.
  return doc.save({ objectsPerTick: 100_000 });
}
