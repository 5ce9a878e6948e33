import { defaultFontSources } from '#platform';
import { BillingError, BillingErrorCode, isBillingError } from '@billfold/core';
import type { DocumentParty } from '../model/document-model';
import { partyBlock } from '../model/party-lines';
import { FontSet } from '../pdf/font-set';
import { INK, MUTED, PageLayout, RULE } from '../pdf/page-layout';
import { writePdf } from '../pdf/pdf-writer';
import type { PdfFonts } from '../render-options';
import { drawStatementTable } from './statement-pdf-table';
import type { StatementFigure, StatementView } from './statement-view';

/** The statement's fonts (the defaults in Node); bytes no font parser reads are bad input at `options.fonts`. */
function statementFonts(fonts: PdfFonts | undefined): FontSet {
  try {
    if (fonts === undefined) return new FontSet(defaultFontSources());
    const fallbacks = (fonts.fallbacks ?? []).map((bytes) => () => bytes);
    return new FontSet({ regular: fonts.regular, bold: fonts.bold ?? fonts.regular, fallbacks });
  } catch (error) {
    if (isBillingError(error)) throw error;
    throw new BillingError(BillingErrorCode.invalidInput, 'The font bytes are not a TrueType or OpenType font', {
      path: ['options', 'fonts'],
      cause: error,
    });
  }
}

/** Title and seller on the left, the facts (customer number, period, date) on the right. */
function drawTop(layout: PageLayout, view: StatementView): void {
  const top = layout.y;
  const factsWidth = 240;
  const titleWidth = layout.contentWidth - factsWidth - 16;
  layout.text(layout.wrap(view.title, titleWidth, { size: 20, style: 'bold' }, 1)[0] ?? '', layout.left, top - 20, {
    size: 20,
    style: 'bold',
  });
  layout.y = top - 28;
  layout.paragraph(view.seller.name, layout.left, titleWidth, { size: 10, color: MUTED }, 2);
  let y = top - 4;
  for (const [label, value] of view.facts) {
    const values = layout.wrap(value, factsWidth - 96, { size: 9 }, 2);
    layout.text(layout.wrap(label, 90, { size: 8 }, 1)[0] ?? '', layout.right - factsWidth, y - 9, {
      size: 8,
      color: MUTED,
    });
    values.forEach((text, i) => {
      layout.text(text, layout.right, y - 9 - i * 12, { size: 9, align: 'right' });
    });
    y -= values.length * 12 + 2;
  }
  layout.y = Math.min(layout.y, y) - 20;
}

function drawParty(
  layout: PageLayout,
  heading: string,
  who: DocumentParty,
  x: number,
  width: number,
  view: StatementView,
): number {
  const { lines, details } = partyBlock(who, view.l10n);
  let y = layout.y;
  layout.text(heading.toUpperCase(), x, y - 8, { size: 8, style: 'bold', color: MUTED });
  y -= 15;
  const texts = [
    ...lines.map((line, i) => ({ line, bold: i === 0 })),
    ...details.map((d) => ({ line: `${d.label}: ${d.value}`, bold: false })),
  ];
  for (const { line, bold } of texts) {
    for (const text of layout.wrap(line, width, { size: 9, style: bold ? 'bold' : 'regular' }, 2)) {
      layout.text(text, x, y - 9, { size: 9, style: bold ? 'bold' : 'regular' });
      y -= 12;
    }
  }
  return y;
}

/** Figures as a right-hand block of label and amount; emphasised rows get a rule above and bold type. */
function drawFigures(layout: PageLayout, figures: readonly StatementFigure[]): void {
  const width = Math.min(300, layout.contentWidth);
  const x = layout.right - width;
  layout.ensure(figures.length * 14 + 8);
  for (const figure of figures) {
    const style = { size: 9, style: figure.emphasis ? ('bold' as const) : ('regular' as const) };
    if (figure.emphasis) {
      layout.line(x, layout.right, layout.y, 0.8, INK);
      layout.y -= 3;
    }
    layout.text(layout.wrap(figure.label, width - 110, style, 1)[0] ?? '', x, layout.y - 9, style);
    layout.text(figure.value, layout.right, layout.y - 9, { ...style, align: 'right' });
    layout.y -= 14;
  }
  layout.y -= 10;
}

function drawFooters(layout: PageLayout, view: StatementView): void {
  const seller = view.seller;
  const d = view.l10n.messages;
  const text = [seller.legalName ?? seller.name, seller.vatId && `${d.vatId} ${seller.vatId}`, seller.email]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' · ');
  const pages = layout.pages.length;
  const y = layout.bottom - 22;
  for (let index = 0; index < pages; index++) {
    layout.drawOn(index, () => {
      layout.line(layout.left, layout.right, y + 12, 0.5, RULE);
      const width = layout.text(d.pageOf(index + 1, pages), layout.right, y, {
        size: 7.5,
        color: MUTED,
        align: 'right',
      });
      layout.text(layout.wrap(text, layout.contentWidth - width - 16, { size: 7.5 }, 1)[0] ?? '', layout.left, y, {
        size: 7.5,
        color: MUTED,
      });
    });
  }
}

/**
 * A statement as a PDF (A4 or US Letter): title and facts, seller and customer, then per currency its summary, the
 * transactions with the running balance and the open items (tables that break across pages under a repeated
 * header), and "Page n of N" footers. Text is set in embedded, subset Unicode fonts; the bytes depend only on the
 * input (dates come from the statement, never the clock).
 * @internal
 */
export async function statementPdf(
  view: StatementView,
  fonts: PdfFonts | undefined,
  paperSize: 'A4' | 'Letter',
): Promise<Uint8Array> {
  const set = statementFonts(fonts);
  const layout = new PageLayout(set, paperSize);
  const title = `${view.title} – ${view.buyer.name}`;
  layout.onNewPage = () => {
    layout.text(layout.wrap(title, layout.contentWidth, { size: 8 }, 1)[0] ?? '', layout.left, layout.y - 8, {
      size: 8,
      color: MUTED,
    });
    layout.y -= 20;
  };
  drawTop(layout, view);
  const half = (layout.contentWidth - 24) / 2;
  const d = view.l10n.messages;
  const sellerBottom = drawParty(layout, d.seller, view.seller, layout.left, half, view);
  const buyerBottom = drawParty(layout, view.messages.customer, view.buyer, layout.left + half + 24, half, view);
  layout.y = Math.min(sellerBottom, buyerBottom) - 14;
  layout.paragraph(view.note, layout.left, layout.contentWidth, { size: 8.5, color: MUTED });
  layout.y -= 12;
  for (const section of view.sections) {
    layout.ensure(120);
    layout.text(section.heading, layout.left, layout.y - 13, { size: 13, style: 'bold' });
    layout.y -= 22;
    drawFigures(layout, section.summary);
    drawStatementTable(layout, section.transactions);
    drawStatementTable(layout, section.openItems);
    drawFigures(layout, section.openSummary);
    layout.y -= 10;
  }
  drawFooters(layout, view);
  return writePdf(layout, set, {
    title,
    author: view.seller.name,
    subject: `${view.title} – ${view.buyer.name}`.slice(0, 500),
    language: view.locale,
    date: new Date(view.date),
  });
}
