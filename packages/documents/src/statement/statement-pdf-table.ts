import { INK, MUTED, type PageLayout, SHADE } from '../pdf/page-layout';
import type { StatementTable } from './statement-view';

const BODY = 8.5;
const HEAD = 8;
const PAD = 4;
const GAP = 10;
const LINE = BODY * 1.3;

/**
 * Column widths: every column as wide as its widest cell (numbers and dates never wrap), except the widest text
 * column, which takes what is left and wraps.
 */
function widths(layout: PageLayout, table: StatementTable): number[] {
  const measure = (text: string, bold: boolean) =>
    layout.fonts.width(text, bold ? HEAD : BODY, bold ? 'bold' : 'regular');
  const natural = table.columns.map((column, index) =>
    Math.max(measure(column.label, true), ...table.rows.map((row) => measure(row[index] ?? '', false))),
  );
  let flex = -1;
  table.columns.forEach((column, index) => {
    if (!column.numeric && (flex < 0 || (natural[index] ?? 0) > (natural[flex] ?? 0))) flex = index;
  });
  const fixed = natural.reduce((total, width, index) => total + (index === flex ? 0 : width + GAP), 0);
  return natural.map((width, index) => (index === flex ? Math.max(60, layout.contentWidth - fixed - GAP) : width));
}

function drawHeadRow(layout: PageLayout, table: StatementTable, cols: readonly number[]): void {
  const height = HEAD + PAD * 2.5;
  layout.rect(layout.left, layout.y, layout.contentWidth, height, SHADE);
  let x = layout.left + PAD;
  table.columns.forEach((column, index) => {
    const width = cols[index] ?? 0;
    const label = layout.wrap(column.label, width, { size: HEAD, style: 'bold' }, 1)[0] ?? '';
    const style = { size: HEAD, style: 'bold' as const, ...(column.numeric ? { align: 'right' as const } : {}) };
    layout.text(label, column.numeric ? x + width : x, layout.y - PAD - HEAD, style);
    x += width + GAP;
  });
  layout.y -= height;
  layout.line(layout.left, layout.right, layout.y, 0.8, INK);
}

/**
 * A statement table on the PDF: a caption, a shaded header row repeated after each page break, rows that never
 * split (long descriptions wrap), or the table's `empty` sentence when it has no rows.
 * @internal
 */
export function drawStatementTable(layout: PageLayout, table: StatementTable): void {
  layout.ensure(HEAD * 2 + LINE * 3);
  layout.text(table.caption, layout.left, layout.y - BODY - 2, { size: BODY + 1, style: 'bold' });
  layout.y -= BODY + 10;
  if (table.rows.length === 0) {
    layout.paragraph(table.empty, layout.left, layout.contentWidth, { size: BODY, color: MUTED });
    layout.y -= 10;
    return;
  }
  const cols = widths(layout, table);
  const pageHeader = layout.onNewPage;
  drawHeadRow(layout, table, cols);
  layout.onNewPage = () => {
    pageHeader();
    drawHeadRow(layout, table, cols);
  };
  for (const row of table.rows) {
    const cells = row.map((cell, index) => layout.wrap(cell, cols[index] ?? 0, { size: BODY }, 4));
    const height = PAD * 2 + Math.max(1, ...cells.map((lines) => lines.length)) * LINE;
    layout.ensure(height);
    let x = layout.left + PAD;
    cells.forEach((lines, index) => {
      const width = cols[index] ?? 0;
      const numeric = table.columns[index]?.numeric ?? false;
      lines.forEach((text, line) => {
        const baseline = layout.y - PAD - BODY - line * LINE;
        layout.text(text, numeric ? x + width : x, baseline, { size: BODY, ...(numeric ? { align: 'right' } : {}) });
      });
      x += width + GAP;
    });
    layout.y -= height;
    layout.line(layout.left, layout.right, layout.y);
  }
  layout.onNewPage = pageHeader;
  layout.y -= 14;
}
