import '../../define';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  claim,
  deepQuery,
  deepQueryAll,
  deepText,
  expectAccessible,
  setOffline,
  TEST_PAYMENTS,
  testApi,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingErrorEvent } from '../../events/billing-error';
import type { BillingPortal } from './portal';

async function mount(configure: (portal: BillingPortal) => void, locale = 'en-GB'): Promise<BillingPortal> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = `<billing-portal api-base="/billing" locale="${locale}" time-zone="Europe/Berlin"></billing-portal>`;
  const portal = main.querySelector('billing-portal') as BillingPortal;
  portal.paymentOptions = TEST_PAYMENTS;
  configure(portal);
  return portal;
}

/** The URLs the page fetched from the portal API so far. */
const apiCalls = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/billing/'));

describe('<billing-portal>', () => {
  beforeEach(() => {
    history.replaceState(null, '', location.pathname + location.search);
    performance.clearResourceTimings();
  });

  it('signs in with a magic link and opens on the overview', async () => {
    const customer = await claim();
    const { token } = await testApi<{ token: string }>('magic-link', { customer: customer.customerId });
    const portal = await mount((p) => {
      p.magicLink = token;
    });
    const text = await waitForText(portal, 'Next invoice');
    expect(text).to.contain('Amount due €29.75');
    expect(apiCalls()).to.include('/billing/auth/magic-link');
    await expectAccessible();
  });

  it('opens sections from deep links, loading a section only when it is opened', async () => {
    const customer = await claim();
    location.hash = `billing/invoices/${customer.invoiceIds[1]}`;
    const portal = await mount((p) => {
      p.session = customer.token;
    });
    await waitForText(portal, 'Total €29.75');
    expect(portal.section).to.equal('invoices');
    expect(deepQuery(portal, 'billing-invoice')?.getAttribute('invoice-id')).to.equal(customer.invoiceIds[1]);
    expect(apiCalls().some((path) => path.endsWith('/usage'))).to.equal(false);
    expect(deepQuery(portal, 'billing-usage')).to.equal(undefined);
    const usageLink = deepQueryAll<HTMLAnchorElement>(portal, 'nav a').find(
      (a) => a.textContent === 'Usage',
    ) as HTMLAnchorElement;
    usageLink.click();
    await waitForText(portal, 'Projected charge');
    expect(location.hash).to.equal('#billing/usage');
    expect(apiCalls().some((path) => path.endsWith('/usage'))).to.equal(true);
    expect(usageLink.getAttribute('aria-current')).to.equal('page');
    expect(portal.shadowRoot?.activeElement?.id).to.equal('section-title');
    history.back();
    await until(() => portal.section === 'invoices');
    await waitForText(portal, 'Total €29.75');
  });

  it('goes through the sections by keyboard and links invoices to their detail', async () => {
    const customer = await claim();
    const portal = await mount((p) => {
      p.session = customer.token;
    });
    await waitForText(portal, 'Amount due');
    const links = deepQueryAll<HTMLAnchorElement>(portal, 'nav a');
    links[0]?.focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(() => portal.section === 'invoices');
    const link = await until(() => deepQuery<HTMLAnchorElement>(portal, 'td.number a'));
    expect(link.getAttribute('href')).to.match(/^#billing\/invoices\/inv_/);
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitForText(portal, 'Billed to');
    await expectAccessible();
  });

  it('asks the host for a fresh session when the portal refuses the current one, then carries on', async () => {
    const customer = await claim('standard', { ttl: '60' });
    let asked = 0;
    const portal = await mount((p) => {
      p.session = customer.token;
      p.getSession = async () => {
        asked += 1;
        return (await testApi<{ token: string }>('session', { customer: customer.customerId })).token;
      };
    });
    await waitForText(portal, 'Amount due');
    await testApi('expire-short-sessions');
    portal.open('invoices');
    await until(() => deepQueryAll(portal, 'tbody tr').length === 2);
    expect(asked).to.equal(1);
  });

  it('tells the host when the session has ended and no refresh is possible', async () => {
    const customer = await claim('standard', { ttl: '60' });
    const portal = await mount((p) => {
      p.session = customer.token;
    });
    await waitForText(portal, 'Amount due');
    await testApi('expire-short-sessions');
    const expired = oneEvent(portal, 'billing-session-expired');
    portal.open('subscription');
    await expired;
    await waitForText(portal, 'Your session has ended. Sign in again to see your billing.');
    await expectAccessible();
    // The host signs the customer in again: the portal loads with the new session.
    portal.session = (await testApi<{ token: string }>('session', { customer: customer.customerId })).token;
    await waitForText(portal, 'Renews on');
    expect(deepText(portal)).to.not.contain('Your session has ended');
  });

  it('says the service cannot be reached when offline, and loads once back online', async () => {
    const customer = await claim();
    const portal = await mount((p) => {
      p.session = customer.token;
    });
    await waitForText(portal, 'Amount due');
    const failed = oneEvent(portal, 'billing-error') as Promise<BillingErrorEvent>;
    await setOffline(true);
    try {
      portal.open('usage');
      const event = await failed;
      expect(event.error.code).to.equal('network');
      await waitForText(portal, 'We could not reach the billing service.');
      await expectAccessible();
    } finally {
      await setOffline(false);
    }
    (await waitForButton(portal, 'Try again')).click();
    await waitForText(portal, 'Projected charge');
  });

  it('saves the profile and marks a field the portal refuses', async () => {
    const customer = await claim();
    const portal = await mount((p) => {
      p.session = customer.token;
    });
    portal.open('profile');
    const email = await until(() => deepQuery<HTMLInputElement>(portal, 'input[name="email"]'));
    email.value = 'not an e-mail';
    (await waitForButton(portal, 'Save profile')).click();
    await waitForText(portal, 'Please check the highlighted fields.');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const profile = deepQuery(portal, 'billing-profile') as HTMLElement;
    expect(profile.shadowRoot?.activeElement).to.equal(email);
    await expectAccessible();
    email.value = 'ada@example.com';
    const phone = deepQuery<HTMLInputElement>(portal, 'input[name="phone"]') as HTMLInputElement;
    phone.value = '+49 30 1234567';
    (await waitForButton(portal, 'Save profile')).click();
    await waitForText(portal, 'Your profile was saved.');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
  });

  it('speaks German with locale="de-DE"', async () => {
    const customer = await claim('german');
    const portal = await mount((p) => {
      p.session = customer.token;
    }, 'de-DE');
    const text = await waitForText(portal, 'Offener Betrag');
    expect(text).to.contain('29,75 €');
    expect(text).to.contain('Rechnungen');
    expect(text).to.contain('Nächste Rechnung');
  });
});
