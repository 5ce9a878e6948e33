import type { DocumentLine, DocumentModel } from '../model/document-model';
import { lineDetails } from '../model/line-details';
import type { Localizer } from '../model/localizer';
import { INK, MUTED, type PageLayout, SHADE } from './page-layout';

const BODY = 9;
const SMALL = 7.5;
const HEADER = 8.5;
const PAD = 5;
const MAX_DESCRIPTION_LINES = 12;

interface Columns {
  readonly position: number;
  readonly description: number;
  readonly descriptionWidth: number;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly tax: number;
  readonly amount: number;
}

/** Column edges: left edge for text columns, right edge for numbers. */
function columns(layout: PageLayout): Columns {
  const { left, right } = layout;
  const amount = right - PAD;
  const tax = right - 84 - PAD;
  const unitPrice = tax - 46;
  const quantity = unitPrice - 74;
  const description = left + 28;
  return {
    position: left + 22,
    description,
    descriptionWidth: quantity - 46 - description,
    quantity,
    unitPrice,
    tax,
    amount,
  };
}

function drawHeader(layout: PageLayout, cols: Columns, l10n: Localizer): void {
  const m = l10n.messages;
  const height = 18;
  layout.rect(layout.left, layout.y, layout.contentWidth, height, SHADE);
  const baseline = layout.y - 12.5;
  const bold = { size: HEADER, style: 'bold' as const };
  const right = { ...bold, align: 'right' as const };
  layout.text(m.position, cols.position, baseline, right);
  layout.text(m.description, cols.description, baseline, bold);
  layout.text(m.quantity, cols.quantity, baseline, right);
  layout.text(m.unitPrice, cols.unitPrice, baseline, right);
  layout.text(m.taxRate, cols.tax, baseline, right);
  layout.text(m.amount, cols.amount, baseline, right);
  layout.y -= height;
  layout.line(layout.left, layout.right, layout.y, 1, INK);
}

function drawRow(layout: PageLayout, cols: Columns, line: DocumentLine, l10n: Localizer): void {
  const description = layout.wrap(line.description, cols.descriptionWidth, { size: BODY }, MAX_DESCRIPTION_LINES);
  const subs = lineDetails(line, l10n).flatMap((sub) => layout.wrap(sub, cols.descriptionWidth, { size: SMALL }, 2));
  const height = PAD * 2 + description.length * BODY * 1.3 + subs.length * SMALL * 1.35;
  layout.ensure(height);
  const top = layout.y;
  const baseline = top - PAD - BODY;
  const right = { size: BODY, align: 'right' as const };
  layout.text(String(line.position), cols.position, baseline, right);
  if (line.quantity !== undefined) layout.text(l10n.quantity(line.quantity), cols.quantity, baseline, right);
  if (line.unitAmount !== undefined) layout.text(l10n.money(line.unitAmount), cols.unitPrice, baseline, right);
  layout.text(l10n.percent(line.percent), cols.tax, baseline, right);
  layout.text(l10n.money(line.amount), cols.amount, baseline, right);
  let y = top - PAD;
  for (const text of description) {
    layout.text(text, cols.description, y - BODY, { size: BODY });
    y -= BODY * 1.3;
  }
  for (const text of subs) {
    layout.text(text, cols.description, y - SMALL, { size: SMALL, color: MUTED });
    y -= SMALL * 1.35;
  }
  layout.y = top - height;
  layout.line(layout.left, layout.right, layout.y);
}

/**
 * The line table: a shaded header row, then one row per line (description wrapped, with period, billing code
 * and discount beneath). A row never splits; when the page is full the table goes on on the next page under a
 * repeated header.
 * @internal
 */
export function drawLineTable(layout: PageLayout, model: DocumentModel, l10n: Localizer): void {
  const cols = columns(layout);
  const pageHeader = layout.onNewPage;
  layout.ensure(18 + PAD * 2 + BODY * 2.6);
  drawHeader(layout, cols, l10n);
  layout.onNewPage = () => {
    pageHeader();
    drawHeader(layout, cols, l10n);
  };
  for (const line of model.lines) drawRow(layout, cols, line, l10n);
  layout.onNewPage = pageHeader;
}
