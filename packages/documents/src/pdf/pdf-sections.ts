import type { DocumentModel, DocumentParty } from '../model/document-model';
import { type Figure, shownFigures } from '../model/figure';
import type { Localizer } from '../model/localizer';
import { partyBlock } from '../model/party-lines';
import type { SummaryRow } from '../model/summary-rows';
import { INK, MUTED, type PageLayout } from './page-layout';

const BODY = 9.5;
const LABEL = 8;
const LINE = BODY * 1.35;

/** Title, seller name and the number/dates block on the right. @internal */
export function drawHeader(
  layout: PageLayout,
  title: string,
  sellerName: string,
  meta: readonly (readonly [string, string])[],
): void {
  const top = layout.y;
  const metaWidth = 230;
  const titleWidth = layout.contentWidth - metaWidth - 16;
  layout.text(layout.wrap(title, titleWidth, { size: 22, style: 'bold' }, 1)[0] ?? '', layout.left, top - 22, {
    size: 22,
    style: 'bold',
  });
  layout.y = top - 30;
  layout.paragraph(sellerName, layout.left, titleWidth, { size: 10, color: MUTED }, 2);
  const leftBottom = layout.y;

  const labelX = layout.right - metaWidth;
  let y = top - 4;
  for (const [label, value] of meta) {
    const labelLines = layout.wrap(label, 95, { size: LABEL }, 2);
    const valueLines = layout.wrap(value, metaWidth - 100, { size: BODY }, 3);
    labelLines.forEach((text, i) => {
      layout.text(text, labelX, y - BODY - i * LINE, { size: LABEL, color: MUTED });
    });
    valueLines.forEach((text, i) => {
      layout.text(text, layout.right, y - BODY - i * LINE, { size: BODY, align: 'right' });
    });
    y -= Math.max(labelLines.length, valueLines.length) * LINE + 2;
  }
  layout.y = Math.min(leftBottom, y) - 22;
}

function drawParty(
  layout: PageLayout,
  heading: string,
  party: DocumentParty,
  x: number,
  width: number,
  l10n: Localizer,
): number {
  const { lines, details } = partyBlock(party, l10n);
  let y = layout.y;
  layout.text(heading.toUpperCase(), x, y - LABEL, { size: LABEL, style: 'bold', color: MUTED });
  y -= LABEL * 1.9;
  lines.forEach((line, index) => {
    const style = { size: BODY, style: index === 0 ? ('bold' as const) : ('regular' as const) };
    for (const text of layout.wrap(line, width, style, index === 0 ? 3 : 2)) {
      layout.text(text, x, y - BODY, style);
      y -= LINE;
    }
  });
  y -= 3;
  for (const detail of details) {
    for (const text of layout.wrap(`${detail.label}: ${detail.value}`, width, { size: LABEL }, 2)) {
      layout.text(text, x, y - LABEL, { size: LABEL, color: MUTED });
      y -= LABEL * 1.4;
    }
  }
  return y;
}

/** Seller (left) and buyer (right), the buyer under `buyerHeading` (default "Bill to"). @internal */
export function drawParties(
  layout: PageLayout,
  model: Pick<DocumentModel, 'seller' | 'buyer'>,
  l10n: Localizer,
  buyerHeading = l10n.messages.buyer,
): void {
  const gap = 24;
  const width = (layout.contentWidth - gap) / 2;
  const seller = drawParty(layout, l10n.messages.seller, model.seller, layout.left, width, l10n);
  const buyer = drawParty(layout, buyerHeading, model.buyer, layout.left + width + gap, width, l10n);
  layout.y = Math.min(seller, buyer) - 18;
}

/** A heading followed by paragraphs, kept off the page bottom. @internal */
export function drawSection(
  layout: PageLayout,
  heading: string,
  paragraphs: readonly { text: string; bold?: boolean }[],
): void {
  if (paragraphs.length === 0) return;
  layout.ensure(LABEL * 2 + LINE * 2);
  layout.text(heading.toUpperCase(), layout.left, layout.y - LABEL, { size: LABEL, style: 'bold', color: MUTED });
  layout.y -= LABEL * 1.9;
  for (const { text, bold } of paragraphs) {
    layout.paragraph(text, layout.left, layout.contentWidth, { size: BODY, style: bold ? 'bold' : 'regular' }, 40);
    layout.y -= 3;
  }
  layout.y -= 12;
}

/** A block of figures at the right, kept whole on one page; emphasised ones bold under a rule. @internal */
export function drawFigures(layout: PageLayout, figures: readonly Figure[]): void {
  const width = Math.min(300, layout.contentWidth);
  const labelWidth = width - 110;
  const x = layout.right - width;
  const wrapped = figures.map((figure) => layout.wrap(figure.label, labelWidth, { size: BODY }, 3));
  const height = 14 + wrapped.reduce((sum, lines) => sum + lines.length * LINE + 4, 0) + 6 * figures.length;
  layout.ensure(height);
  layout.y -= 12;
  figures.forEach((figure, index) => {
    const style = { size: BODY, style: figure.emphasis ? ('bold' as const) : ('regular' as const) };
    if (figure.emphasis) {
      layout.line(x, layout.right, layout.y, 0.8, INK);
      layout.y -= 4;
    }
    layout.text(figure.value, layout.right, layout.y - BODY, { ...style, align: 'right' });
    for (const text of wrapped[index] ?? []) {
      layout.text(text, x, layout.y - BODY, style);
      layout.y -= LINE;
    }
    layout.y -= 4;
  });
  layout.y -= 16;
}

/** The totals block of a document: its visible summary rows. @internal */
export function drawTotals(layout: PageLayout, rows: readonly SummaryRow[], l10n: Localizer): void {
  drawFigures(layout, shownFigures(rows, l10n));
}
