import '../define';
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import {
  animationsFinished,
  type Claimed,
  claim,
  deepQuery,
  deepText,
  expectAccessible,
  TEST_PAYMENTS,
  screenshot,
  testApi,
  until,
  waitForText,
} from '../../test/browser/harness';
import type { BillingElement } from '../base/billing-element';
import type { BillingPayButton } from '../components/pay-button/pay-button';

/** How each element is shown for its screenshots, and the text that says it has loaded. */
const SUBJECTS = [
  { tag: 'billing-portal', ready: 'Next invoice', attributes: 'routing="none"' },
  { tag: 'billing-invoice-list', ready: 'Remaining', attributes: '' },
  { tag: 'billing-invoice', ready: 'Remaining', attributes: '' },
  { tag: 'billing-subscription', ready: 'Renews on', attributes: '' },
  { tag: 'billing-usage', ready: 'Projected charge', attributes: '' },
  { tag: 'billing-payment-methods', ready: 'visa ending in 4242', attributes: '' },
  { tag: 'billing-overdue-banner', ready: 'Payment overdue', attributes: '' },
  { tag: 'billing-pay-button', ready: 'How would you like to pay?', attributes: '' },
] as const;

const WIDTHS = [
  { name: 'narrow', width: 400, height: 800 },
  { name: 'wide', width: 1000, height: 800 },
] as const;

describe('theming', () => {
  let screenshotCustomer: Claimed;
  let overdueCustomer: Claimed;

  before(async () => {
    screenshotCustomer = await claim('screenshot');
    overdueCustomer = await claim('overdue');
    await testApi('save-card', { customer: screenshotCustomer.customerId, card: '4242424242424242' });
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  });

  for (const subject of SUBJECTS) {
    it(`${subject.tag} looks as it did, light and dark, narrow and wide, and passes axe in both themes`, async () => {
      for (const size of WIDTHS) {
        fixtureCleanup();
        await setViewport({ width: size.width, height: size.height });
        const main = await fixture(html`<main style="padding: 8px"></main>`);
        main.innerHTML = `<${subject.tag} api-base="/billing" locale="en-GB" time-zone="Europe/Berlin" theme="light" ${subject.attributes}></${subject.tag}>`;
        const element = main.firstElementChild as BillingElement & { invoiceId?: string; invoiceIds?: string[] };
        const customer = subject.tag === 'billing-overdue-banner' ? overdueCustomer : screenshotCustomer;
        element.paymentOptions = TEST_PAYMENTS;
        if (subject.tag === 'billing-invoice') element.invoiceId = customer.invoiceIds[0] as string;
        if (subject.tag === 'billing-pay-button') element.invoiceIds = [customer.invoiceIds[1] as string];
        element.session = customer.token;
        if (subject.tag === 'billing-pay-button') await (element as unknown as BillingPayButton).open();
        await waitForText(element, subject.ready);
        await until(() => !deepText(element).includes('Loading'));
        const target = subject.tag === 'billing-pay-button' ? (deepQuery(element, 'dialog') as HTMLElement) : element;
        for (const theme of ['light', 'dark'] as const) {
          element.setAttribute('theme', theme);
          await element.updateComplete;
          (document.activeElement as HTMLElement | null)?.blur?.();
          await animationsFinished();
          await expectAccessible();
          const name = `${subject.tag}-${theme}-${size.name}`;
          const result = await screenshot(name, target);
          expect(
            result.status,
            `${name}: ${result.status}, ${(result.ratio * 100).toFixed(2)} % of pixels differ (see ${result.artifact})`,
          ).to.be.oneOf(['match', 'new', 'updated']);
        }
      }
    });
  }

  it('takes the host’s tokens and ::part() rules, and nothing else from the page', async () => {
    const style = document.createElement('style');
    style.textContent = `
      button { color: rgb(255, 0, 0) !important; min-height: 77px; }
      billing-invoice-list::part(table) { outline: 3px solid rgb(0, 128, 0); }
      billing-invoice-list { --billing-color-accent: rgb(120, 0, 120); --billing-radius: 0px; }
    `;
    document.head.append(style);
    try {
      const main = await fixture(html`<main><button id="outside">outside</button></main>`);
      main.insertAdjacentHTML(
        'beforeend',
        '<billing-invoice-list api-base="/billing" locale="en-GB" theme="light"></billing-invoice-list>',
      );
      const list = main.querySelector('billing-invoice-list') as BillingElement;
      list.session = screenshotCustomer.token;
      const table = await until(() => deepQuery(list, 'table'));
      expect(getComputedStyle(table).outlineColor).to.equal('rgb(0, 128, 0)');
      const inner = deepQuery(list, '.toolbar button') as HTMLElement;
      expect(getComputedStyle(inner).color).to.equal('rgb(120, 0, 120)');
      expect(getComputedStyle(inner).borderRadius).to.equal('0px');
      expect(getComputedStyle(inner).minHeight).to.not.equal('77px');
      // The elements' own button styles stay inside their shadow roots.
      const outside = main.querySelector('#outside') as HTMLElement;
      expect(getComputedStyle(outside).borderRadius).to.not.equal('6px');
    } finally {
      style.remove();
    }
  });

  it('follows the page’s dark preference with theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const main = await fixture(html`<main></main>`);
    main.innerHTML = '<billing-usage api-base="/billing" locale="en-GB"></billing-usage>';
    const usage = main.querySelector('billing-usage') as BillingElement;
    usage.session = screenshotCustomer.token;
    await waitForText(usage, 'Projected charge');
    expect(getComputedStyle(usage).backgroundColor).to.equal('rgb(17, 24, 39)');
    await emulateMedia({ colorScheme: 'light' });
    await until(() => getComputedStyle(usage).backgroundColor === 'rgb(255, 255, 255)');
  });

  it('animates the dialog only when the page does not ask for reduced motion', async () => {
    const opened = async () => {
      fixtureCleanup();
      const main = await fixture(html`<main></main>`);
      main.innerHTML = '<billing-pay-button api-base="/billing" locale="en-GB"></billing-pay-button>';
      const button = main.querySelector('billing-pay-button') as BillingPayButton;
      button.session = screenshotCustomer.token;
      button.invoiceIds = [screenshotCustomer.invoiceIds[1] as string];
      await button.open();
      return (deepQuery(button, 'dialog') as HTMLElement).getAnimations().length;
    };
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(await opened()).to.equal(0);
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect(await opened()).to.equal(1);
    expect(deepText(document.body)).to.contain('Pay invoices');
  });
});
