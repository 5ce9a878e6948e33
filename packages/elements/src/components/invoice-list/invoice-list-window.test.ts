import '../../define';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { generatedInvoices } from '../../../test/browser/generated-invoices';
import { deepText, expectAccessible, until } from '../../../test/browser/harness';
import type { BillingInvoiceList } from './invoice-list';

/** A list of `count` made-up invoices the host hands over (no server), in a 1000 × 800 page. */
async function mountLong(count: number, attributes = ''): Promise<BillingInvoiceList> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = `<billing-invoice-list locale="en-GB" time-zone="Europe/Berlin" invoice-href="#invoices/{id}" ${attributes}></billing-invoice-list>`;
  const list = main.querySelector('billing-invoice-list') as BillingInvoiceList;
  list.invoices = generatedInvoices(count);
  await settled(list);
  return list;
}

/** Waits until the list has no update pending (the window measures its rows after the first render). */
async function settled(list: BillingInvoiceList): Promise<void> {
  while (!(await list.updateComplete));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  while (!(await list.updateComplete));
}

const root = (list: BillingInvoiceList) => list.shadowRoot as ShadowRoot;
const viewport = (list: BillingInvoiceList) => root(list).querySelector('.viewport') as HTMLElement;
const rendered = (list: BillingInvoiceList) => [...root(list).querySelectorAll<HTMLElement>('tbody tr[data-index]')];
const indexes = (list: BillingInvoiceList) => rendered(list).map((row) => Number(row.dataset.index));
const row = (list: BillingInvoiceList, index: number) =>
  root(list).querySelector<HTMLElement>(`tbody tr[data-index="${index}"]`);
const focusedRow = (list: BillingInvoiceList) => root(list).activeElement?.closest<HTMLElement>('tr[data-index]');

/** The rows rendered are one run of consecutive rows, each with its ARIA row index (the header is row 1). */
function expectContiguous(list: BillingInvoiceList): void {
  const at = indexes(list);
  expect(at.length).to.be.greaterThan(0);
  for (const [i, index] of at.entries()) expect(index).to.equal((at[0] as number) + i);
  for (const tr of rendered(list))
    expect(tr.getAttribute('aria-rowindex')).to.equal(String(Number(tr.dataset.index) + 2));
}

/** The row is inside the scroll box's visible area, below the sticky header. */
function expectInView(list: BillingInvoiceList, tr: HTMLElement): void {
  const box = viewport(list).getBoundingClientRect();
  const head = (root(list).querySelector('thead') as HTMLElement).getBoundingClientRect();
  const rect = tr.getBoundingClientRect();
  expect(rect.top).to.be.at.least(head.bottom - 1);
  expect(rect.bottom).to.be.at.most(box.bottom + 1);
}

describe('<billing-invoice-list> with 1,000 invoices (windowed)', () => {
  it('renders only the rows near the scroll box, keeps the full scroll height and recycles rows on scroll', async () => {
    const list = await mountLong(1000);
    const table = root(list).querySelector('table') as HTMLTableElement;
    expect(table.getAttribute('aria-rowcount')).to.equal('1001');
    expect(deepText(root(list).querySelector('caption') as Element)).to.equal('1000 invoices shown');
    // 40rem of box at 16 px over rows about 45 px high: some 15 rows in view, 10 more below.
    expect(indexes(list)[0]).to.equal(0);
    expect(rendered(list).length).to.be.within(15, 40);
    expectContiguous(list);
    expect(deepText(rendered(list)[0] as HTMLElement)).to.contain('INV-2026-000001');
    const first = rendered(list)[0] as HTMLElement;
    const lastRendered = rendered(list).at(-1) as HTMLElement;
    const pitch =
      (lastRendered.getBoundingClientRect().bottom - first.getBoundingClientRect().top) / rendered(list).length;
    const view = viewport(list);
    const head = (root(list).querySelector('thead') as HTMLElement).offsetHeight;
    // The scroll height is every row's, rendered or not (the spacers round to whole pixels).
    expect(Math.abs(view.scrollHeight - (head + 1000 * pitch))).to.be.below(3);

    view.scrollTop = 500 * pitch;
    await until(() => row(list, 500));
    await settled(list);
    expectContiguous(list);
    expect(indexes(list)[0]).to.be.within(480, 500);
    expect(rendered(list).length).to.be.within(15, 45);
    expect(deepText(row(list, 500) as HTMLElement)).to.contain('INV-2026-000501');
    expectInView(list, row(list, 501) as HTMLElement);
    // The first row's element was reused for a row further down, not thrown away.
    expect(first.isConnected).to.equal(true);
    expect(Number(first.dataset.index)).to.be.at.least(480);

    view.scrollTop = view.scrollHeight;
    await until(() => row(list, 999));
    await settled(list);
    expectContiguous(list);
    expect(deepText(row(list, 999) as HTMLElement)).to.contain('INV-2026-001000');
    expect(rendered(list).at(-1)).to.equal(row(list, 999));
    // Nothing is left below the last row: the spacer after it is empty (at most the row line's collapsed half).
    expect((root(list).querySelector('tbody tr:last-child') as HTMLElement).offsetHeight).to.be.at.most(1);
    await expectAccessible();
  });

  it('moves focus by keyboard across all 1,000 rows, rendered or not, and reaches invoice 1,000', async () => {
    const list = await mountLong(1000);
    const start = root(list).querySelector<HTMLElement>('tr[tabindex="0"]') as HTMLElement;
    expect(start.dataset.index).to.equal('0');
    start.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedRow(list)?.dataset.index === '2');
    await sendKeys({ press: 'PageDown' });
    await until(() => Number(focusedRow(list)?.dataset.index) > 10);
    await sendKeys({ press: 'End' });
    await until(() => focusedRow(list)?.dataset.index === '999');
    const last = focusedRow(list) as HTMLElement;
    expect(deepText(last)).to.contain('INV-2026-001000');
    expect(last.getAttribute('aria-rowindex')).to.equal('1001');
    expect(last.getAttribute('tabindex')).to.equal('0');
    expectInView(list, last);
    await sendKeys({ press: 'ArrowDown' });
    await settled(list);
    expect(focusedRow(list)?.dataset.index).to.equal('999');
    await sendKeys({ press: 'ArrowUp' });
    await until(() => focusedRow(list)?.dataset.index === '998');
    await sendKeys({ press: 'Home' });
    await until(() => focusedRow(list)?.dataset.index === '0');
    expectInView(list, focusedRow(list) as HTMLElement);
    expect(deepText(focusedRow(list) as HTMLElement)).to.contain('INV-2026-000001');
    await expectAccessible();
  });

  it('hands focus to the scroll box when the focused row scrolls away and its element is reused', async () => {
    const list = await mountLong(1000);
    (row(list, 1) as HTMLElement).focus();
    const view = viewport(list);
    view.scrollTop = view.scrollHeight / 2;
    await until(() => root(list).activeElement === view);
    // The keys go on from the row that had focus.
    await sendKeys({ press: 'ArrowDown' });
    await until(() => focusedRow(list)?.dataset.index === '2');
  });

  it('filters, keeps the count true and opens a row’s download menu far down the list', async () => {
    const list = await mountLong(1000);
    list.filter = 'overdue';
    await settled(list);
    // Overdue: the open invoices (odd positions) at every third position, 3, 9, … 999: 167 of them.
    expect(root(list).querySelector('table')?.getAttribute('aria-rowcount')).to.equal('168');
    expect(viewport(list).scrollTop).to.equal(0);
    expect(deepText(rendered(list)[0] as HTMLElement)).to.contain('INV-2026-000004');
    (root(list).querySelector('tr[tabindex="0"]') as HTMLElement).focus();
    await sendKeys({ press: 'End' });
    await until(() => focusedRow(list)?.dataset.index === '166');
    const trigger = (focusedRow(list) as HTMLElement).querySelector('[aria-haspopup="menu"]') as HTMLElement;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => trigger.getAttribute('aria-expanded') === 'true');
    // Arrow keys in the open menu move among its items, not among the rows.
    await sendKeys({ press: 'ArrowDown' });
    expect(deepText(root(list).activeElement as Element)).to.equal('Web page (HTML)');
    await expectAccessible();
    await sendKeys({ press: 'Escape' });
    await until(() => root(list).activeElement === trigger);
    list.filter = 'paid';
    await settled(list);
    expect(root(list).querySelector('table')?.getAttribute('aria-rowcount')).to.equal('501');
  });

  it('renders every row while the page prints, and windows again after', async () => {
    const list = await mountLong(1000);
    dispatchEvent(new Event('beforeprint'));
    await settled(list);
    expect(rendered(list).length).to.equal(1000);
    expect(root(list).querySelector('.spacer')).to.equal(null);
    expect(viewport(list).classList.contains('windowed')).to.equal(false);
    dispatchEvent(new Event('afterprint'));
    await settled(list);
    expect(rendered(list).length).to.be.below(45);
    expectContiguous(list);
  });

  it('renders every row below window-from, and windows 100,000 invoices down to the last one', async () => {
    const small = await mountLong(150, 'window-from="200"');
    expect(rendered(small).length).to.equal(150);
    expect(viewport(small).classList.contains('windowed')).to.equal(false);
    const big = await mountLong(100_000);
    expect(rendered(big).length).to.be.below(45);
    const view = viewport(big);
    view.scrollTop = view.scrollHeight;
    await until(() => row(big, 99_999));
    await settled(big);
    expectContiguous(big);
    expect(deepText(row(big, 99_999) as HTMLElement)).to.contain('INV-2026-100000');
    expect(rendered(big).length).to.be.below(45);
  });

  it('windows the narrow layout’s stacked cards too, down to invoice 1,000 by keyboard', async () => {
    await setViewport({ width: 400, height: 700 });
    try {
      const list = await mountLong(1000);
      const cards = rendered(list);
      // Narrow: each row is a card several lines high, so fewer of them fill the box.
      expect(getComputedStyle(cards[0] as HTMLElement).display).to.equal('grid');
      expect(cards.length).to.be.within(11, 30);
      (root(list).querySelector('tr[tabindex="0"]') as HTMLElement).focus();
      await sendKeys({ press: 'End' });
      await until(() => focusedRow(list)?.dataset.index === '999');
      await settled(list);
      expectContiguous(list);
      const box = viewport(list).getBoundingClientRect();
      const last = (focusedRow(list) as HTMLElement).getBoundingClientRect();
      expect(last.top).to.be.at.least(box.top - 1);
      expect(last.bottom).to.be.at.most(box.bottom + 1);
      expect(deepText(focusedRow(list) as HTMLElement)).to.contain('INV-2026-001000');
      await expectAccessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
