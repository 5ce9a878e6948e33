import '../../define';
import { expect, fixture, html } from '@open-wc/testing';
import {
  claim,
  deepQuery,
  deepText,
  expectAccessible,
  TEST_PAYMENTS,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingOverdueBanner } from './overdue-banner';

async function mount(token: string): Promise<BillingOverdueBanner> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML =
    '<billing-overdue-banner api-base="/billing" locale="en-GB" time-zone="Europe/Berlin"></billing-overdue-banner>';
  const banner = main.querySelector('billing-overdue-banner') as BillingOverdueBanner;
  banner.paymentOptions = TEST_PAYMENTS;
  banner.session = token;
  return banner;
}

describe('<billing-overdue-banner>', () => {
  it('says what is overdue since when, and pays it', async () => {
    const customer = await claim('overdue');
    const banner = await mount(customer.token);
    const text = await waitForText(banner, 'Payment overdue');
    // Only January (23.80) is past due; February (29.75) is due on 15 February.
    expect(text).to.contain('€23.80 has been overdue since 15 Jan 2026.');
    expect(text).to.contain('1 invoice is overdue.');
    // The portal's service access (collections): past due, nothing suspended, so the service goes on.
    expect(text).to.contain('Your service continues for now: please pay what is overdue.');
    await expectAccessible();
    const pay = deepQuery(banner, 'billing-pay-button') as HTMLElement;
    expect(deepText(pay)).to.contain('Pay €23.80');
    (deepQuery(pay, '[part="button"]') as HTMLElement).click();
    await waitForText(pay, 'How would you like to pay?');
    const card = await until(() => deepQuery<HTMLInputElement>(pay, 'input[type="radio"]'));
    card.click();
    (deepQuery(pay, 'form button[type="submit"]') as HTMLElement).click();
    const input = await until(() => deepQuery<HTMLInputElement>(pay, 'input[name="cardnumber"]'));
    input.value = '4242424242424242';
    (deepQuery(pay, 'form button[type="submit"]') as HTMLElement).click();
    await waitForText(pay, 'Thank you');
    expect(deepQuery(banner, '[part="banner"]')).to.not.equal(undefined);
    (await waitForButton(pay, 'Close')).click();
    // Once the customer closes the confirmation, the banner reloads the account: nothing is overdue any more.
    await until(() => !deepQuery(banner, '[part="banner"]'));
  });

  it('renders nothing when nothing is overdue', async () => {
    const customer = await claim();
    const banner = await mount(customer.token);
    // The account has been read (the banner shows nothing while loading either).
    await until(() => performance.getEntriesByName(`${location.origin}/billing/account`).length > 0);
    await banner.updateComplete;
    expect(deepQuery(banner, '[part="banner"]')).to.equal(undefined);
    expect(deepText(banner)).to.equal('');
    expect(banner.getBoundingClientRect().height).to.equal(0);
  });
});
