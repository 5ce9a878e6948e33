import '../../define';
import { emulateMedia } from '@web/test-runner-commands';
import { expect, fixture, html } from '@open-wc/testing';
import { HOSTILE_DESCRIPTION } from '../../../test/server/hostile-text';
import {
  claim,
  deepQuery,
  deepQueryAll,
  deepText,
  expectAccessible,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingInvoice } from './invoice';

async function mount(token: string, invoiceId: string, attributes = 'locale="en-GB" time-zone="Europe/Berlin"') {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = `<billing-invoice api-base="/billing" ${attributes}></billing-invoice>`;
  const invoice = main.querySelector('billing-invoice') as BillingInvoice;
  invoice.session = token;
  invoice.invoiceId = invoiceId;
  return invoice;
}

describe('<billing-invoice>', () => {
  it('shows lines, tax, totals and what remains of an open invoice, with a pay button', async () => {
    const customer = await claim();
    const invoice = await mount(customer.token, customer.invoiceIds[1] as string);
    const text = await waitForText(invoice, 'Remaining');
    // February: Fibre Basic 20.00 in advance, 10 GB of January data at 0.50, VAT 19 % of 25.00 = 4.75.
    expect(text).to.match(/Invoice INV-2026-\d+/);
    expect(text).to.contain('Fibre Basic');
    expect(text).to.match(/10 €0\.50 €5\.00/);
    expect(text).to.contain('Subtotal €25.00');
    expect(text).to.contain('VAT (19 %) €4.75');
    expect(text).to.contain('Total €29.75');
    expect(text).to.contain('Remaining €29.75');
    expect(text).to.contain('Due on 15 Feb 2026');
    expect(text).to.contain('Customer');
    expect(deepQuery(invoice, 'billing-pay-button')).to.not.equal(undefined);
    await expectAccessible();
  });

  it('shows a discount, a credit note and the payment of a settled invoice', async () => {
    const customer = await claim('discounted');
    const invoice = await mount(customer.token, customer.invoiceIds[0] as string);
    const text = await waitForText(invoice, 'Remaining');
    // January with the 10 % welcome coupon: 20.00 − 2.00 = 18.00, VAT 3.42, total 21.42; credit note 2.00; paid 19.42.
    expect(text).to.contain('Discount -€2.00');
    expect(text).to.contain('Total €21.42');
    expect(text).to.contain('Credited €2.00');
    expect(text).to.contain('Paid €19.42');
    expect(text).to.contain('Remaining €0.00');
    expect(text).to.contain('Paid on 5 Feb 2026');
    expect(deepQuery(invoice, 'billing-pay-button')).to.equal(undefined);
  });

  it('formats for de-DE and keeps dates in the customer’s time zone', async () => {
    const customer = await claim('german');
    const invoice = await mount(
      customer.token,
      customer.invoiceIds[1] as string,
      'locale="de-DE" time-zone="Europe/Berlin"',
    );
    const text = await waitForText(invoice, 'Offen');
    expect(text).to.contain('Zwischensumme 25,00 €');
    expect(text).to.contain('Gesamt 29,75 €');
    expect(text).to.contain('Fällig am 15.02.2026');
  });

  it('renders a 10,000-character description with markup and RTL as inert, collapsible text', async () => {
    const customer = await claim('hostile');
    const invoice = await mount(customer.token, customer.invoiceIds[2] as string);
    const toggle = await waitForButton(invoice, 'Show the full description');
    expect(deepQueryAll(invoice, 'b, img, script').length).to.equal(0);
    const description = deepQuery(invoice, '.description') as HTMLElement;
    expect(description.textContent?.length).to.be.lessThan(300);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await until(() => description.textContent?.length === HOSTILE_DESCRIPTION.length);
    expect(description.textContent).to.equal(HOSTILE_DESCRIPTION);
    // The long word wraps inside the page instead of widening it.
    expect(invoice.scrollWidth).to.be.at.most(invoice.clientWidth + 1);
    expect(deepText(invoice)).to.contain('عميل تجريبي');
    expect((window as unknown as { __billingXss?: number }).__billingXss).to.equal(undefined);
    await expectAccessible();
  });

  it('prints without its buttons', async () => {
    const customer = await claim();
    const invoice = await mount(customer.token, customer.invoiceIds[1] as string);
    const print = await waitForButton(invoice, 'Print');
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(print).display).to.equal('none');
      expect(getComputedStyle(deepQuery(invoice, 'table') as Element).display).to.equal('table');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
  });

  it('lays out right to left in an RTL page', async () => {
    const customer = await claim();
    const main = await fixture(html`<main dir="rtl"></main>`);
    main.innerHTML = '<billing-invoice api-base="/billing" locale="en-GB"></billing-invoice>';
    const invoice = main.querySelector('billing-invoice') as BillingInvoice;
    invoice.session = customer.token;
    invoice.invoiceId = customer.invoiceIds[1] as string;
    await waitForText(invoice, 'Remaining');
    const cell = deepQuery(invoice, 'th') as HTMLElement;
    expect(getComputedStyle(cell).direction).to.equal('rtl');
    const table = (deepQuery(invoice, 'table') as HTMLElement).getBoundingClientRect();
    const first = cell.getBoundingClientRect();
    // The first column (the description) starts at the right edge.
    expect(Math.round(table.right - first.right)).to.be.at.most(1);
  });
});
