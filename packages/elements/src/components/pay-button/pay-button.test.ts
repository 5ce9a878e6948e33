import '../../define';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  claim,
  deepQuery,
  deepText,
  expectAccessible,
  STAND_IN_PAYMENTS,
  testApi,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingErrorEvent } from '../../events/billing-error';
import type { BillingPaidEvent } from '../../events/billing-paid';
import type { BillingPayButton } from './pay-button';

async function mount(token: string, invoiceIds: readonly string[], options: object = STAND_IN_PAYMENTS) {
  const main = await fixture(html`<main><button>before</button></main>`);
  const button = document.createElement('billing-pay-button') as BillingPayButton;
  button.setAttribute('api-base', '/billing');
  button.setAttribute('locale', 'en-GB');
  button.session = token;
  button.invoiceIds = invoiceIds;
  button.paymentOptions = options;
  main.append(button);
  await button.updateComplete;
  return button;
}

const dialogOf = (button: BillingPayButton) => deepQuery<HTMLDialogElement>(button, 'dialog') as HTMLDialogElement;

async function openAndChoose(button: BillingPayButton, method: string): Promise<void> {
  (deepQuery(button, '[part="button"]') as HTMLElement).click();
  await waitForText(dialogOf(button), 'How would you like to pay?');
  const radio = await until(() =>
    [...(button.shadowRoot?.querySelectorAll('label') ?? [])].find((label) => deepText(label).startsWith(method)),
  );
  (radio.querySelector('input') as HTMLInputElement).click();
  (await waitForButton(dialogOf(button), 'Continue')).click();
}

async function enterCard(button: BillingPayButton, number: string): Promise<void> {
  const input = await until(() => deepQuery<HTMLInputElement>(button, 'input[name="cardnumber"]'));
  input.value = number;
}

const invoiceOnServer = (id: string) =>
  fetch(`/test-api/invoice?id=${id}`).then((r) => r.json()) as Promise<{ status: string; amountRemaining: string }>;

describe('<billing-pay-button>', () => {
  it('pays an invoice by card in the hosted fields, loading the provider script only then', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    const scripts = () => [...document.querySelectorAll('script')].filter((s) => s.src.includes('/stand-in/stripe.js'));
    const before = scripts().length;
    await openAndChoose(button, 'Card');
    await enterCard(button, '4242 4242 4242 4242');
    expect(scripts().length).to.be.at.most(1);
    expect(before === 0 || scripts().length === 1).to.equal(true);
    await expectAccessible();
    const paid = oneEvent(button, 'billing-paid') as Promise<BillingPaidEvent>;
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const event = await paid;
    expect(event.payment.status).to.equal('succeeded');
    expect(event.payment.amount).to.equal('29.75');
    expect(event.invoiceIds).to.deep.equal([invoiceId]);
    expect(event.bubbles && event.composed).to.equal(true);
    await waitForText(dialogOf(button), 'Thank you, your payment went through.');
    const stored = await invoiceOnServer(invoiceId);
    expect(stored.status).to.equal('paid');
    expect(stored.amountRemaining).to.equal('0.00');
    await expectAccessible();
  });

  it('says a declined card was declined, and pays with another card', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'Card');
    await enterCard(button, '4000 0000 0000 0002');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    await waitForText(dialogOf(button), 'Your card was declined.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
    await expectAccessible();
    await enterCard(button, '4242424242424242');
    const paid = oneEvent(button, 'billing-paid');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    await paid;
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
  });

  it('goes through a 3-D Secure challenge, with the dialog non-modal so the challenge can be answered', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'Card');
    await enterCard(button, '4000 0027 6000 3184');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const challenge = await until(() => document.querySelector<HTMLElement>('[data-stand-in="stripe-3ds"]'));
    expect(dialogOf(button).matches(':modal')).to.equal(false);
    const paid = oneEvent(button, 'billing-paid');
    (challenge.querySelector('button') as HTMLButtonElement).click();
    await paid;
    expect(dialogOf(button).matches(':modal')).to.equal(true);
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
  });

  it('says so when the bank does not confirm the payment, and charges nothing', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'Card');
    await enterCard(button, '4000002760003184');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const challenge = await until(() => document.querySelector<HTMLElement>('[data-stand-in="stripe-3ds"]'));
    const fail = [...challenge.querySelectorAll('button')].find((b) => b.textContent === 'Fail authentication');
    fail?.click();
    await waitForText(dialogOf(button), 'The payment was not confirmed by your bank.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
  });

  it('pays with a saved card that asks for 3-D Secure', async () => {
    const customer = await claim();
    await testApi('save-card', { customer: customer.customerId, card: '4000002760003184' });
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'Saved: visa ending in 3184');
    const challenge = await until(() => document.querySelector<HTMLElement>('[data-stand-in="stripe-3ds"]'));
    const paid = oneEvent(button, 'billing-paid');
    (challenge.querySelector('button') as HTMLButtonElement).click();
    await paid;
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
  });

  it('pays with PayPal’s buttons, and says so when the customer cancels there', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'PayPal');
    const paypal = await until(() => deepQuery<HTMLButtonElement>(button, '[data-stand-in="paypal-button"]'));
    paypal.click();
    const cancel = await until(() => document.querySelector<HTMLDialogElement>('[data-stand-in="paypal-approval"]'));
    ([...cancel.querySelectorAll('button')].find((b) => b.textContent === 'Cancel') as HTMLButtonElement).click();
    await waitForText(dialogOf(button), 'You cancelled the payment. Nothing was charged.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
    paypal.click();
    const approval = await until(() => document.querySelector<HTMLDialogElement>('[data-stand-in="paypal-approval"]'));
    const paid = oneEvent(button, 'billing-paid') as Promise<BillingPaidEvent>;
    ([...approval.querySelectorAll('button')].find((b) => b.textContent === 'Approve') as HTMLButtonElement).click();
    expect((await paid).payment.gateway).to.equal('paypal');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
  });

  it('shows bank-transfer and cheque instructions with the invoice numbers to quote', async () => {
    const customer = await claim('overdue');
    const button = await mount(customer.token, customer.invoiceIds);
    await openAndChoose(button, 'Bank transfer');
    const text = await waitForText(dialogOf(button), 'Reference to quote');
    // Both open invoices: 23.80 + 29.75.
    expect(text).to.contain('Transfer €53.55 to this account:');
    expect(text).to.contain('DE89 3704 0044 0532 0130 00');
    expect(text).to.match(/Reference to quote INV-2026-\d+, INV-2026-\d+/);
    await expectAccessible();
    (await waitForButton(dialogOf(button), 'Back')).click();
    await openAndChoose(button, 'Cheque');
    expect(await waitForText(dialogOf(button), 'Send a cheque for €53.55:')).to.contain('Payable to Fibre Berlin GmbH');
  });

  it('offers other ways when the provider’s script cannot be loaded', async () => {
    const customer = await claim();
    const button = await mount(customer.token, [customer.invoiceIds[1] as string], {
      ...STAND_IN_PAYMENTS,
      stripe: { publishableKey: 'pk_test_standin', scriptUrl: '/stand-in/no-such-script.js' },
    });
    await openAndChoose(button, 'Card');
    await waitForText(dialogOf(button), 'The payment provider could not be loaded.');
    expect(deepText(dialogOf(button))).to.contain('How would you like to pay?');
  });

  it('reports a server error as billing-error and keeps the invoice open', async () => {
    const customer = await claim('standard', { gateway: 'down' });
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    const failed = oneEvent(button, 'billing-error') as Promise<BillingErrorEvent>;
    await openAndChoose(button, 'Card');
    const event = await failed;
    expect(event.error.status).to.equal(500);
    expect(event.error.code).to.equal('internal');
    expect(event.operation).to.equal('pay');
    await waitForText(dialogOf(button), 'Something went wrong on our side.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
  });

  it('is usable by keyboard alone: open, choose, pay by card through 3-D Secure, close, focus back', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    const before = document.querySelector('main button') as HTMLButtonElement;
    before.focus();
    await sendKeys({ press: 'Tab' });
    const opener = deepQuery(button, '[part="button"]') as HTMLElement;
    expect(button.shadowRoot?.activeElement).to.equal(opener);
    await sendKeys({ press: 'Enter' });
    await waitForText(dialogOf(button), 'How would you like to pay?');
    expect(button.shadowRoot?.activeElement?.id).to.equal('pay-title');
    await sendKeys({ press: 'Tab' }); // the first method: Card
    await sendKeys({ press: 'Tab' }); // Continue
    await sendKeys({ press: 'Enter' });
    const number = await until(() => deepQuery<HTMLInputElement>(button, 'input[name="cardnumber"]'));
    number.focus();
    await sendKeys({ type: '4000002760003184' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // the pay button
    const paid = oneEvent(button, 'billing-paid');
    await sendKeys({ press: 'Enter' });
    await until(() => document.activeElement?.textContent === 'Complete authentication');
    await sendKeys({ press: 'Enter' });
    await paid;
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(button).open);
    expect(button.shadowRoot?.activeElement).to.equal(opener);
  });
});
