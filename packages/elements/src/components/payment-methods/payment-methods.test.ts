import '../../define';
import { expect, fixture, html } from '@open-wc/testing';
import {
  claim,
  deepQuery,
  deepQueryAll,
  deepText,
  expectAccessible,
  TEST_PAYMENTS,
  testApi,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingPaymentMethods } from './payment-methods';

async function mount(token: string, apiBase = '/billing'): Promise<BillingPaymentMethods> {
  const main = await fixture(html`<main></main>`);
  main.innerHTML = `<billing-payment-methods api-base="${apiBase}" locale="en-GB"></billing-payment-methods>`;
  const element = main.querySelector('billing-payment-methods') as BillingPaymentMethods;
  element.paymentOptions = TEST_PAYMENTS;
  element.session = token;
  return element;
}

const methods = (element: Element) => deepQueryAll(element, '[part="method"]').map((m) => deepText(m));

describe('<billing-payment-methods>', () => {
  it('lists saved cards, makes one the default and removes one after confirming', async () => {
    const customer = await claim();
    await testApi('save-card', { customer: customer.customerId, card: '4242424242424242' });
    await testApi('save-card', { customer: customer.customerId, card: '4000002760003184' });
    const element = await mount(customer.token);
    await until(() => methods(element).length === 2);
    expect(methods(element)[0]).to.contain('visa ending in 4242');
    expect(methods(element)[0]).to.contain('Expires 12/2030');
    expect(methods(element)[0]).to.contain('Default');
    await expectAccessible();
    (await waitForButton(element, 'Make default')).click();
    await until(() => methods(element)[1]?.includes('Default'));
    expect(methods(element)[0]).to.not.contain('Default');
    const remove = deepQueryAll(element, '[part="method"] button').find((b) =>
      /^Remove\W+visa ending in 4242$/.test(deepText(b)),
    );
    remove?.click();
    const dialog = deepQuery<HTMLDialogElement>(element, 'dialog#remove') as HTMLDialogElement;
    await until(() => dialog.open);
    expect(deepText(dialog)).to.contain('visa ending in 4242 will no longer be available for payments.');
    await expectAccessible();
    (deepQuery(dialog, 'button.danger') as HTMLElement).click();
    await until(() => methods(element).length === 1);
    expect(methods(element)[0]).to.contain('3184');
  });

  it('adds a card in the hosted fields', async () => {
    const customer = await claim();
    const element = await mount(customer.token);
    await waitForText(element, 'No saved payment methods.');
    (await waitForButton(element, 'Add a card')).click();
    const input = await until(() => deepQuery<HTMLInputElement>(element, 'dialog#add input[name="cardnumber"]'));
    input.value = '4242424242424242';
    (await waitForButton(deepQuery(element, 'dialog#add') as HTMLElement, 'Save card')).click();
    await waitForText(element, 'The payment method was saved.');
    await until(() => methods(element).length === 1);
    expect(methods(element)[0]).to.contain('visa ending in 4242');
  });

  it('says calmly that payment methods are not available where the portal answers 501', async () => {
    const customer = await claim();
    const element = await mount(customer.token, '/billing-plain');
    await waitForText(element, 'Managing payment methods online is not available yet.');
    expect(deepQuery(element, '[role="alert"]')).to.equal(undefined);
  });
});
