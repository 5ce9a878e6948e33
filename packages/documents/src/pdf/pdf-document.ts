import { defaultFontSources } from '#platform';
import { BillingError, BillingErrorCode, isBillingError } from '@billfold/core';
import type { DocumentParty } from '../model/document-model';
import type { Localizer } from '../model/localizer';
import { sellerFooterParts } from '../model/seller-footer';
import type { PaperSize, PdfFonts } from '../render-options';
import { FontSet } from './font-set';
import type { FontSources } from './font-sources';
import { MUTED, PageLayout, RULE } from './page-layout';
import { writePdf } from './pdf-writer';
import { assertPrintable } from './printable-text';

function fontSources(fonts: PdfFonts | undefined): FontSources {
  if (fonts === undefined) return defaultFontSources();
  return {
    regular: fonts.regular,
    bold: fonts.bold ?? fonts.regular,
    fallbacks: (fonts.fallbacks ?? []).map((bytes) => () => bytes),
  };
}

/** The document's fonts; bytes no font parser understands are bad input at `options.fonts`. */
function fontSet(fonts: PdfFonts | undefined): FontSet {
  const sources = fontSources(fonts);
  try {
    return new FontSet(sources);
  } catch (error) {
    if (isBillingError(error)) throw error;
    throw new BillingError(BillingErrorCode.invalidInput, 'The font bytes are not a TrueType or OpenType font', {
      path: ['options', 'fonts'],
      cause: error,
    });
  }
}

function drawFooters(layout: PageLayout, seller: DocumentParty, l10n: Localizer): void {
  const text = sellerFooterParts(seller, l10n.messages).join(' · ');
  const pages = layout.pages.length;
  const y = layout.bottom - 22;
  for (let index = 0; index < pages; index++) {
    layout.drawOn(index, () => {
      layout.line(layout.left, layout.right, y + 12, 0.5, RULE);
      const pageText = l10n.messages.pageOf(index + 1, pages);
      const pageWidth = layout.text(pageText, layout.right, y, { size: 7.5, color: MUTED, align: 'right' });
      const left = layout.wrap(text, layout.contentWidth - pageWidth - 16, { size: 7.5 }, 1)[0] ?? '';
      layout.text(left, layout.left, y, { size: 7.5, color: MUTED });
    });
  }
}

/** What every PDF document has: its title, parties, fonts, paper, language and date. @internal */
export interface PdfFrame {
  readonly title: string;
  readonly seller: DocumentParty;
  readonly buyer: DocumentParty;
  readonly fonts: PdfFonts | undefined;
  readonly paperSize: PaperSize;
  /** The document's own date: PDF creation and modification dates come from it, never the clock. */
  readonly date: string;
  /** The render call's arguments by name, whose printed text must be in the fonts (see `assertPrintable`). */
  readonly inputs: readonly (readonly [string, unknown])[];
  /** The PDF's subject; default the title and the buyer's name. */
  readonly subject?: string;
}

/**
 * Lays out a PDF document (A4 or US Letter) with `draw` on pages that repeat the title at the top after a break
 * and end in the seller's footer line and "Page n of N", then writes it with embedded, subset fonts.
 * @internal
 */
export async function renderPdfDocument(
  frame: PdfFrame,
  l10n: Localizer,
  draw: (layout: PageLayout) => void,
): Promise<Uint8Array> {
  const fonts = fontSet(frame.fonts);
  assertPrintable(fonts, frame.inputs);
  const layout = new PageLayout(fonts, frame.paperSize);
  layout.onNewPage = () => {
    layout.text(layout.wrap(frame.title, layout.contentWidth, { size: 8 }, 1)[0] ?? '', layout.left, layout.y - 8, {
      size: 8,
      color: MUTED,
    });
    layout.y -= 20;
  };
  draw(layout);
  drawFooters(layout, frame.seller, l10n);
  return writePdf(layout, fonts, {
    title: frame.title,
    author: frame.seller.name,
    subject: (frame.subject ?? `${frame.title} – ${frame.buyer.name}`).slice(0, 500),
    language: l10n.locale,
    date: new Date(frame.date),
  });
}
