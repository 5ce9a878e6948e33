import '../../define';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  buttonNamed,
  claim,
  deepQuery,
  deepQueryAll,
  deepText,
  expectAccessible,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingInvoiceList } from './invoice-list';

async function mount(token: string, attributes = ''): Promise<BillingInvoiceList> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = `<billing-invoice-list api-base="/billing" locale="en-GB" time-zone="Europe/Berlin" ${attributes}></billing-invoice-list>`;
  const list = main.querySelector('billing-invoice-list') as BillingInvoiceList;
  list.session = token;
  return list;
}

const rows = (list: Element) => deepQueryAll(list, 'tbody tr');

/** Captures what a download hands to the browser: the file name and its bytes, read back from the blob URL. */
function captureDownloads(): {
  files: Promise<{ name: string; text: string }[]>;
  next: () => Promise<{ name: string; text: string }>;
} {
  const files: { name: string; text: string }[] = [];
  const waiting: ((file: { name: string; text: string }) => void)[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (!this.download) return click.call(this);
    const name = this.download;
    void fetch(this.href)
      .then((r) => r.text())
      .then((text) => {
        files.push({ name, text });
        waiting.shift()?.({ name, text });
      });
  };
  after(() => {
    HTMLAnchorElement.prototype.click = click;
  });
  return { files: Promise.resolve(files), next: () => new Promise((resolve) => waiting.push(resolve)) };
}

describe('<billing-invoice-list>', () => {
  it('lists the customer’s invoices with dates, totals, what remains and the status', async () => {
    const customer = await claim();
    const list = await mount(customer.token);
    await until(() => rows(list).length === 2);
    const [january, february] = rows(list).map((row) => deepText(row));
    // January: 20.00 + 19 % VAT, paid by bank transfer; February: 20.00 + 10 GB × 0.50 + 19 % VAT, open.
    expect(january).to.match(/1 Jan 2026.*€23\.80 €0\.00 Paid/);
    expect(february).to.match(/1 Feb 2026 15 Feb 2026 €29\.75 €29\.75 Open/);
    await expectAccessible();
  });

  it('filters by status and by overdue', async () => {
    const customer = await claim('overdue');
    const list = await mount(customer.token);
    await until(() => rows(list).length === 2);
    list.filter = 'paid';
    await waitForText(list, 'No invoices to show.');
    list.filter = 'overdue';
    await until(() => rows(list).length === 1 && deepText(rows(list)[0] as Element).includes('Overdue'));
    expect(deepText(rows(list)[0] as Element)).to.contain('€23.80');
    const select = deepQuery<HTMLSelectElement>(list, 'select');
    expect(select?.value).to.equal('overdue');
  });

  it('pages through 45 invoices with “show more”, announcing how many are shown', async () => {
    const customer = await claim('many');
    const list = await mount(customer.token, 'page-size="20"');
    await until(() => rows(list).length === 20);
    (await waitForButton(list, 'Show more invoices')).click();
    await until(() => rows(list).length === 40);
    expect(deepText(list)).to.contain('40 invoices shown');
    (await waitForButton(list, 'Show more invoices')).click();
    await until(() => rows(list).length === 45);
    expect(buttonNamed(list, 'Show more invoices')).to.equal(undefined);
    const numbers = rows(list).map((row) => deepText(deepQuery(row, '.number') as Element));
    expect(new Set(numbers).size).to.equal(45);
  });

  it('downloads an invoice as PDF and the whole list as CSV with the session token', async () => {
    const downloads = captureDownloads();
    const customer = await claim();
    const list = await mount(customer.token);
    await until(() => rows(list).length === 2);
    const february = rows(list)[1] as Element;
    (deepQuery(february, '[aria-haspopup="menu"]') as HTMLElement).click();
    const pdf = downloads.next();
    (await waitForButton(list, 'PDF')).click();
    const file = await pdf;
    expect(file.name).to.match(/^INV-2026-\d+\.pdf$/);
    expect(file.text.startsWith('%PDF-')).to.equal(true);
    const csv = downloads.next();
    (await waitForButton(list, 'Download all as CSV')).click();
    const all = await csv;
    expect(all.text.split('\n')[0]).to.match(/number/i);
  });

  it('opens the download menu and picks a format by keyboard alone', async () => {
    const downloads = captureDownloads();
    const customer = await claim();
    const list = await mount(customer.token);
    await until(() => rows(list).length === 2);
    const trigger = deepQuery(rows(list)[1] as Element, '[aria-haspopup="menu"]') as HTMLElement;
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => trigger.getAttribute('aria-expanded') === 'true');
    await expectAccessible();
    await sendKeys({ press: 'ArrowDown' });
    expect(deepText(list.shadowRoot?.activeElement as Element)).to.equal('Web page (HTML)');
    await sendKeys({ press: 'Escape' });
    await until(() => trigger.getAttribute('aria-expanded') === 'false');
    expect(list.shadowRoot?.activeElement).to.equal(trigger);
    await sendKeys({ press: 'Enter' });
    await until(() => trigger.getAttribute('aria-expanded') === 'true');
    await sendKeys({ press: 'End' });
    const xml = downloads.next();
    await sendKeys({ press: 'Enter' });
    const file = await xml;
    expect(file.name).to.match(/\.xml$/);
    expect(file.text).to.contain('<Invoice');
  });

  it('pays selected open invoices through the pay button and reloads', async () => {
    const customer = await claim('overdue');
    const list = await mount(customer.token);
    list.paymentOptions = { bankTransfer: { accountHolder: 'Fibre Berlin GmbH', iban: 'DE89370400440532013000' } };
    await until(() => rows(list).length === 2);
    const boxes = deepQueryAll<HTMLInputElement>(list, 'tbody input[type="checkbox"]');
    expect(boxes.length).to.equal(2);
    for (const box of boxes) box.click();
    const pay = await until(() => deepQuery(list, 'billing-pay-button'));
    expect(deepText(pay)).to.contain('Pay 2 selected');
  });

  it('renders hostile names and descriptions as inert text', async () => {
    const customer = await claim('hostile');
    const list = await mount(customer.token);
    await until(() => rows(list).length === 3);
    expect(deepQueryAll(list, 'img, script, b').length).to.equal(0);
    expect((window as unknown as { __billingXss?: number }).__billingXss).to.equal(undefined);
  });

  it('tells the host when loading fails, and retries', async () => {
    const list = await mount('not-a-token');
    const event = await oneEvent(list, 'billing-session-expired');
    expect(event.type).to.equal('billing-session-expired');
    await waitForText(list, 'Your session has ended.');
  });
});
