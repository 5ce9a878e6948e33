/*
 * The benchmark page (bundled by render-invoices.ts, run in Chromium): renders 1,000 invoices with
 * <billing-invoice-list> and with hand-written DOM code that builds the same table — same cells, badges, links,
 * checkboxes and download buttons, same Intl formatting, same styles in a shadow root — and reports milliseconds
 * from start to laid out.
 */
import '../src/define';
import type { InvoiceView } from '../src/api/portal-views';
import type { BillingInvoiceList } from '../src/components/invoice-list/invoice-list';
import { BillingFormat } from '../src/format/billing-format';

/** 1,000 invoices like the portal's: half paid, half open, some overdue. */
function invoices(count: number): InvoiceView[] {
  return Array.from({ length: count }, (_, i) => {
    const open = i % 2 === 1;
    const total = `${(19 + (i % 50)).toString()}.${String(i % 100).padStart(2, '0')}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    return {
      id: `inv_${String(i).padStart(6, '0')}`,
      number: `INV-2026-${String(i + 1).padStart(6, '0')}`,
      status: open ? 'open' : 'paid',
      currency: 'EUR',
      lines: [],
      taxRates: [],
      subtotal: total,
      discountTotal: '0.00',
      taxes: [],
      taxTotal: '0.00',
      roundingAmount: '0.00',
      total,
      creditApplied: '0.00',
      amountDue: total,
      amountPaid: open ? '0.00' : total,
      amountCredited: '0.00',
      amountRemaining: open ? total : '0.00',
      notes: [],
      createdAt: `2026-01-${day}T00:00:00Z`,
      issuedAt: `2026-01-${day}T00:00:00Z`,
      dueAt: `2026-02-${day}T00:00:00Z`,
      overdue: open && i % 3 === 0,
    };
  });
}

const data = invoices(1000);
const area = document.querySelector('main') as HTMLElement;

async function billfold(): Promise<number> {
  const start = performance.now();
  const list = document.createElement('billing-invoice-list') as BillingInvoiceList;
  list.setAttribute('locale', 'en-GB');
  list.setAttribute('time-zone', 'Europe/Berlin');
  list.setAttribute('invoice-href', '#invoices/{id}');
  list.invoices = data;
  area.append(list);
  await list.updateComplete;
  void list.offsetHeight;
  const elapsed = performance.now() - start;
  list.remove();
  return elapsed;
}

const STATUS: Record<string, string> = { open: 'Open', paid: 'Paid' };

function cell(row: HTMLElement, text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  row.append(td);
  return td;
}

async function handwritten(): Promise<number> {
  const start = performance.now();
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const sheets = (customElements.get('billing-invoice-list') as unknown as typeof BillingInvoiceList).elementStyles;
  root.adoptedStyleSheets = sheets.map((style) =>
    style instanceof CSSStyleSheet ? style : (style.styleSheet as CSSStyleSheet),
  );
  const format = new BillingFormat('en-GB', 'Europe/Berlin', 'symbol');
  const table = document.createElement('table');
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const name of ['', 'Number', 'Issued', 'Due', 'Total', 'Remaining', 'Status', '']) {
    const th = document.createElement('th');
    th.textContent = name;
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const invoice of data) {
    const row = document.createElement('tr');
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
    button.textContent = 'Download';
    button.addEventListener('click', () => undefined);
    anchor.append(button);
    actions.append(anchor);
    body.append(row);
  }
  table.append(head, body);
  root.append(table);
  area.append(host);
  void host.offsetHeight;
  const elapsed = performance.now() - start;
  host.remove();
  return elapsed;
}

(window as unknown as { bench: unknown }).bench = { billfold, handwritten };
