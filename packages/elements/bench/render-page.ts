/*
 * The benchmark page (bundled by render-invoices.ts, run in Chromium): renders invoices with <billing-invoice-list>
 * and with hand-written DOM code that builds the same status filter and table — same cells, badges, links,
 * checkboxes and download buttons, same ARIA row indexes, same Intl formatting, same styles in a shadow root — and
 * reports milliseconds from start to laid out, with the rows and elements each side put in the DOM. Each side renders either every row, or (windowed) only the rows of the scroll box and ten
 * more, between two spacer rows sized from the measured row height.
 */
import '../src/define';
import type { InvoiceView } from '../src/api/portal-views';
import { INVOICE_LIST_FILTERS, invoiceFilterName } from '../src/components/invoice-list/invoice-filter';
import type { BillingInvoiceList } from '../src/components/invoice-list/invoice-list';
import { BillingFormat } from '../src/format/billing-format';
import { messagesEn } from '../src/i18n/messages-en';
import { generatedInvoices } from '../test/browser/generated-invoices';

const lists = new Map<number, InvoiceView[]>();
const area = document.querySelector('main') as HTMLElement;

function data(count: number): InvoiceView[] {
  let list = lists.get(count);
  if (list === undefined) {
    list = generatedInvoices(count);
    lists.set(count, list);
  }
  return list;
}

/** What one render measured: its time, and how many invoice rows and elements it put in its shadow root. */
interface Rendered {
  readonly ms: number;
  readonly rows: number;
  readonly elements: number;
}

async function billfold(count: number, windowed: boolean): Promise<Rendered> {
  const invoices = data(count);
  const start = performance.now();
  const list = document.createElement('billing-invoice-list') as BillingInvoiceList;
  list.setAttribute('locale', 'en-GB');
  list.setAttribute('time-zone', 'Europe/Berlin');
  list.setAttribute('invoice-href', '#invoices/{id}');
  if (!windowed) list.windowFrom = Number.POSITIVE_INFINITY;
  list.invoices = invoices;
  area.append(list);
  // The window measures its rows once laid out and may render once more.
  while (!(await list.updateComplete));
  void list.offsetHeight;
  const ms = performance.now() - start;
  const root = list.shadowRoot as ShadowRoot;
  const counted = {
    rows: root.querySelectorAll('tbody tr[data-index]').length,
    elements: root.querySelectorAll('*').length,
  };
  list.remove();
  return { ms, ...counted };
}

const STATUS: Record<string, string> = { open: 'Open', paid: 'Paid' };
const OVERSCAN = 10;
const ESTIMATED_ROW_PX = 45;

function cell(row: HTMLElement, text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  row.append(td);
  return td;
}

function handwrittenRow(invoice: InvoiceView, index: number, format: BillingFormat): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.dataset.index = String(index);
  row.setAttribute('aria-rowindex', String(index + 2));
  row.tabIndex = index === 0 ? 0 : -1;
  const select = cell(row, '', 'select');
  if (invoice.status === 'open') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.setAttribute('aria-label', `Select invoice ${invoice.number}`);
    box.addEventListener('change', () => undefined);
    select.append(box);
  }
  const number = cell(row, '', 'number text');
  const link = document.createElement('a');
  link.href = `#invoices/${encodeURIComponent(invoice.id)}`;
  link.textContent = invoice.number ?? invoice.id;
  number.append(link);
  cell(row, format.date(invoice.issuedAt as string)).dataset.label = 'Issued';
  cell(row, format.date(invoice.dueAt as string)).dataset.label = 'Due';
  cell(row, format.money(invoice.total, invoice.currency), 'amount').dataset.label = 'Total';
  cell(row, format.money(invoice.amountRemaining, invoice.currency), 'amount').dataset.label = 'Remaining';
  const status = cell(row, '');
  const badge = document.createElement('span');
  const overdue = invoice.status === 'open' && invoice.overdue;
  badge.className = `badge ${overdue ? 'overdue' : invoice.status}`;
  badge.setAttribute('part', 'status');
  badge.textContent = overdue ? 'Overdue' : (STATUS[invoice.status] ?? invoice.status);
  status.append(badge);
  const actions = cell(row, '', 'actions');
  const anchor = document.createElement('span');
  anchor.className = 'menu-anchor';
  const button = document.createElement('button');
  button.type = 'button';
  button.id = `menu-button-${invoice.id}`;
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', `Download invoice ${invoice.number}`);
  button.setAttribute('part', 'download-button');
  button.textContent = 'Download';
  button.addEventListener('click', () => undefined);
  anchor.append(button);
  actions.append(anchor);
  return row;
}

/** The toolbar above the table: the status filter (and an empty row where "pay selected" would go). */
function toolbar(): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'toolbar';
  const label = document.createElement('label');
  label.setAttribute('part', 'filter');
  label.append(messagesEn.filterStatus);
  const select = document.createElement('select');
  for (const filter of INVOICE_LIST_FILTERS) {
    const option = document.createElement('option');
    option.value = filter;
    option.selected = filter === '';
    option.textContent = invoiceFilterName(messagesEn, filter);
    select.append(option);
  }
  select.addEventListener('change', () => undefined);
  label.append(select);
  const row = document.createElement('div');
  row.className = 'row';
  bar.append(label, row);
  return bar;
}

function spacerRow(): { row: HTMLTableRowElement; cell: HTMLTableCellElement } {
  const row = document.createElement('tr');
  row.className = 'spacer';
  row.setAttribute('aria-hidden', 'true');
  const td = document.createElement('td');
  td.colSpan = 8;
  row.append(td);
  return { row, cell: td };
}

async function handwritten(count: number, windowed: boolean): Promise<Rendered> {
  const invoices = data(count);
  const start = performance.now();
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const sheets = (customElements.get('billing-invoice-list') as unknown as typeof BillingInvoiceList).elementStyles;
  root.adoptedStyleSheets = sheets.map((style) =>
    style instanceof CSSStyleSheet ? style : (style.styleSheet as CSSStyleSheet),
  );
  const format = new BillingFormat('en-GB', 'Europe/Berlin', 'symbol');
  const box = document.createElement('div');
  box.className = windowed ? 'viewport windowed' : 'viewport';
  box.setAttribute('part', 'viewport');
  if (windowed) box.tabIndex = -1;
  for (const type of ['scroll', 'keydown', 'focusin']) box.addEventListener(type, () => undefined);
  const table = document.createElement('table');
  table.setAttribute('part', 'table');
  table.setAttribute('aria-rowcount', String(count + 1));
  if (windowed) {
    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = `${count} invoices shown`;
    table.append(caption);
  }
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  headRow.setAttribute('aria-rowindex', '1');
  const t = messagesEn;
  const names = [t.paySelected(0), t.invoiceNumber, t.issued, t.due, t.total, t.remaining, t.status, t.actions];
  for (const [i, name] of names.entries()) {
    const th = document.createElement('th');
    if (i === 0) th.className = 'select';
    else th.scope = 'col';
    if (i === 4 || i === 5) th.className = 'amount';
    if (i === 0 || i === names.length - 1) {
      // The checkbox and menu columns are named for screen readers only.
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = name;
      th.append(hidden);
    } else th.textContent = name;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  const end = windowed ? Math.min(count, Math.ceil(innerHeight / ESTIMATED_ROW_PX) + OVERSCAN) : count;
  const before = windowed ? spacerRow() : undefined;
  if (before) body.append(before.row);
  for (let i = 0; i < end; i++) body.append(handwrittenRow(invoices[i] as InvoiceView, i, format));
  const after = windowed ? spacerRow() : undefined;
  if (after) body.append(after.row);
  table.append(head, body);
  box.append(table);
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  root.append(toolbar(), box, status);
  area.append(host);
  if (before && after) {
    // The rows' real height sizes the spacer, as the element's window does.
    const rows = body.querySelectorAll('tr[data-index]');
    const first = rows[0] as Element;
    const last = rows[rows.length - 1] as Element;
    const pitch = (last.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / rows.length;
    before.cell.style.height = '0px';
    after.cell.style.height = `${Math.round((count - end) * pitch)}px`;
  }
  void host.offsetHeight;
  const ms = performance.now() - start;
  const elements = root.querySelectorAll('*').length;
  host.remove();
  return { ms, rows: end, elements };
}

(window as unknown as { bench: unknown }).bench = { billfold, handwritten };
