import '../../define';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  claim,
  deepQuery,
  deepText,
  expectAccessible,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingPlanChangedEvent } from '../../events/billing-plan-changed';
import type { BillingSubscription } from './subscription';

async function mount(token: string): Promise<BillingSubscription> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = '<billing-subscription api-base="/billing" locale="en-GB" time-zone="UTC"></billing-subscription>';
  const element = main.querySelector('billing-subscription') as BillingSubscription;
  element.session = token;
  return element;
}

const dialog = (element: BillingSubscription, id: string) =>
  deepQuery<HTMLDialogElement>(element, `dialog#${id}`) as HTMLDialogElement;
const stored = (id: string) => fetch(`/test-api/subscription?id=${id}`).then((r) => r.json());

describe('<billing-subscription>', () => {
  it('shows the plan, its price, the period and the renewal date', async () => {
    const customer = await claim();
    const element = await mount(customer.token);
    const text = await waitForText(element, 'Renews on');
    expect(text).to.contain('Fibre Basic €20.00 / month');
    expect(text).to.contain('Data €0.50 per unit / month');
    expect(text).to.contain('Current period: 1 – 28 Feb 2026');
    expect(text).to.contain('Renews on 1 Mar 2026');
    await expectAccessible();
  });

  it('changes plan through the proration preview and its quote', async () => {
    const customer = await claim();
    const element = await mount(customer.token);
    (await waitForButton(element, 'Change plan')).click();
    await waitForText(dialog(element, 'change'), 'Fibre Pro');
    const pro = [...(element.shadowRoot?.querySelectorAll('dialog#change label') ?? [])].find((l) =>
      deepText(l).includes('Fibre Pro'),
    );
    (pro as HTMLElement).querySelector('input')?.click();
    (await waitForButton(dialog(element, 'change'), 'Preview the change')).click();
    const preview = await waitForText(dialog(element, 'change'), 'Confirm the change');
    // 10 Feb 10:00 of a 28-day February: 18.5833… days left = 66.37 % of the month. Credit of Basic −13.27,
    // debit of Pro +33.18 (before tax), on the next invoice: 50.00 + 7.5 GB data 3.75 − 13.27 + 33.18 = 73.66, plus
    // VAT rounded once over the invoice, credit included (the engine's default per-invoice rounding): 19 % of 73.66 =
    // 13.9954 → 14.00, so 87.66 (rounded per line it would be 9.50 + 0.71 − 2.52 + 6.30 = 13.99, so 87.65).
    expect(preview).to.contain('The adjustments go on your next invoice.');
    expect(preview).to.match(/-€13\.27/);
    expect(preview).to.match(/€33\.18/);
    expect(preview).to.contain('Your next invoice: €87.66');
    await expectAccessible();
    const changed = oneEvent(element, 'billing-plan-changed') as Promise<BillingPlanChangedEvent>;
    (await waitForButton(dialog(element, 'change'), 'Confirm the change')).click();
    const event = await changed;
    expect(event.action).to.equal('change');
    expect(event.result.subscription.items.map((i) => i.priceId)).to.have.length(2);
    await waitForText(element, 'Your plan was changed.');
    await waitForText(element, 'Fibre Pro €50.00 / month');
    expect(dialog(element, 'change').open).to.equal(false);
    const subscription = await stored(customer.subscriptionId);
    expect(subscription.pendingLines.length).to.equal(2);
  });

  it('cancels at the end of the period with a reason, by keyboard', async () => {
    const customer = await claim();
    const element = await mount(customer.token);
    const open = await waitForButton(element, 'Cancel subscription');
    open.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(element, 'cancel').open);
    await expectAccessible();
    // Focus starts on the checked "end of the period" radio; Tab to the reason, pick "I switched to another service".
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(deepQuery<HTMLSelectElement>(element, '#cancel-reason')?.value).to.equal('switched_service');
    const changed = oneEvent(element, 'billing-plan-changed') as Promise<BillingPlanChangedEvent>;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Moving abroad' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const event = await changed;
    expect(event.action).to.equal('cancel');
    expect(event.result.subscription.cancelAtPeriodEnd).to.equal(true);
    await waitForText(element, 'Your subscription ends on 1 Mar 2026.');
    expect(deepText(element)).to.contain('Ends on 1 Mar 2026');
    expect(element.shadowRoot?.activeElement).to.equal(null);
    expect((await stored(customer.subscriptionId)).cancelAtPeriodEnd).to.equal(true);
  });
});
