import '../../define';
import { expect, fixture, html } from '@open-wc/testing';
import { claim, deepText, expectAccessible, waitForText } from '../../../test/browser/harness';
import type { BillingUsage } from './usage';

describe('<billing-usage>', () => {
  it('shows each meter with its usage so far and the projected charge', async () => {
    const customer = await claim();
    const element = await fixture<BillingUsage>(
      html`<main><billing-usage api-base="/billing" session=${customer.token} locale="en-GB" time-zone="UTC"></billing-usage></main>`,
    ).then((main) => main.querySelector('billing-usage') as BillingUsage);
    // 7.5 GB in February at 0.50 EUR per GB: 3.75 EUR so far.
    const text = await waitForText(element, 'Projected charge');
    expect(text).to.contain('Data');
    expect(text).to.contain('7.5');
    expect(text).to.contain('€3.75');
    expect(text).to.contain('Period: 1 – 28 Feb 2026');
    await expectAccessible();
  });

  it('writes German numbers and money in de-DE', async () => {
    const customer = await claim();
    const main = await fixture(
      html`<main><billing-usage api-base="/billing" session=${customer.token} locale="de-DE"></billing-usage></main>`,
    );
    const element = main.querySelector('billing-usage') as BillingUsage;
    const text = await waitForText(element, 'Voraussichtliche Kosten');
    expect(text).to.contain('7,5');
    expect(text).to.contain('3,75 €');
    expect(deepText(element)).to.contain('Verbrauch');
  });
});
