import '../../define';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  claim,
  deepQuery,
  deepText,
  expectAccessible,
  ledgerOf,
  setOffline,
  TEST_PAYMENTS,
  testApi,
  until,
  waitForButton,
  waitForText,
} from '../../../test/browser/harness';
import type { BillingErrorEvent } from '../../events/billing-error';
import type { BillingPaidEvent } from '../../events/billing-paid';
import type { BillingPayButton } from './pay-button';

async function mount(token: string, invoiceIds: readonly string[], options: object = TEST_PAYMENTS) {
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

/** A fresh customer's February invoice (29.75) in the dialog's card step, with `number` typed into the card field. */
async function cardStep(number: string) {
  const customer = await claim();
  const invoiceId = customer.invoiceIds[1] as string;
  const button = await mount(customer.token, [invoiceId]);
  await openAndChoose(button, 'Card');
  await enterCard(button, number);
  return { customer, invoiceId, button };
}

const invoiceOnServer = (id: string) =>
  fetch(`/test-api/invoice?id=${id}`).then((r) => r.json()) as Promise<{ status: string; amountRemaining: string }>;

/**
 * The customer's ledger holds exactly one payment through `gateway`, allocated as given, and the fake provider took
 * the money exactly once (the payment's provider id is the one charge); the provider's webhook of the payment reached
 * the engine, every webhook was accepted and every call kept to the providers' OpenAPI descriptions.
 */
async function expectPaidOnce(
  customerId: string,
  gateway: 'stripe' | 'paypal',
  amount: string,
  allocations: readonly { invoiceId: string; amount: string }[],
): Promise<void> {
  const ledger = await ledgerOf(customerId);
  expect(ledger.payments).to.have.length(1);
  const [payment] = ledger.payments;
  expect(payment).to.deep.include({ gateway, amount, currency: 'EUR' });
  expect(payment?.allocations).to.deep.equal(allocations);
  if (gateway === 'stripe') {
    expect(ledger.charges).to.deep.equal({ stripe: [payment?.providerPaymentId], paypal: 0 });
    expect(ledger.webhooksAccepted).to.include('payment_intent.succeeded');
  } else {
    expect(ledger.charges).to.deep.equal({ stripe: [], paypal: 1 });
    expect(ledger.webhooksAccepted).to.include('PAYMENT.CAPTURE.COMPLETED');
  }
  expect(ledger.webhooksRefused).to.deep.equal([]);
  expect(ledger.violations).to.deep.equal([]);
}

/** Nothing was taken: no gateway payment in the ledger, no charge at either fake. */
async function expectNothingTaken(customerId: string): Promise<void> {
  const ledger = await ledgerOf(customerId);
  expect(ledger.payments).to.deep.equal([]);
  expect(ledger.charges).to.deep.equal({ stripe: [], paypal: 0 });
  expect(ledger.webhooksRefused).to.deep.equal([]);
  expect(ledger.violations).to.deep.equal([]);
}

const challengeShown = () => until(() => document.querySelector<HTMLElement>('[data-fake="stripe-3ds"]'));

describe('<billing-pay-button>', () => {
  it('pays an invoice by card in the hosted fields, loading the provider script only then', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    const scripts = () =>
      [...document.querySelectorAll('script')].filter((s) => s.src === TEST_PAYMENTS.stripe.scriptUrl);
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
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
    await expectAccessible();
  });

  it('says a declined card was declined, and pays with another card', async () => {
    const { customer, invoiceId, button } = await cardStep('4000 0000 0000 0002');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    await waitForText(dialogOf(button), 'Your card was declined.');
    expect(await invoiceOnServer(invoiceId)).to.include({ status: 'open', amountRemaining: '29.75' });
    await expectNothingTaken(customer.customerId);
    expect((await ledgerOf(customer.customerId)).webhooksAccepted).to.deep.equal(['payment_intent.payment_failed']);
    await expectAccessible();
    await enterCard(button, '4242424242424242');
    const paid = oneEvent(button, 'billing-paid');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    await paid;
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
  });

  it('goes through a 3-D Secure challenge, with the dialog non-modal so the challenge can be answered', async () => {
    const { customer, invoiceId, button } = await cardStep('4000 0027 6000 3184');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const challenge = await challengeShown();
    expect(dialogOf(button).matches(':modal')).to.equal(false);
    // Nothing is taken before the bank confirms.
    await expectNothingTaken(customer.customerId);
    const paid = oneEvent(button, 'billing-paid');
    (challenge.querySelector('button') as HTMLButtonElement).click();
    await paid;
    expect(dialogOf(button).matches(':modal')).to.equal(true);
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
  });

  it('records a payment whose confirmation never reached the portal from the provider’s webhook', async () => {
    const { customer, invoiceId, button } = await cardStep('4242 4242 4242 4242');
    // The card is charged at Stripe, then the connection to the portal drops before the confirmation.
    await setOffline(true);
    const failed = oneEvent(button, 'billing-error') as Promise<BillingErrorEvent>;
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const event = await failed;
    await setOffline(false);
    expect(event.operation).to.equal('confirm-payment');
    expect(event.error.code).to.equal('network');
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
    expect(await invoiceOnServer(invoiceId)).to.include({ status: 'paid', amountRemaining: '0.00' });
  });

  it('says so when the bank does not confirm the payment, and charges nothing', async () => {
    const { customer, invoiceId, button } = await cardStep('4000002760003184');
    (await waitForButton(dialogOf(button), 'Pay €29.75')).click();
    const challenge = await challengeShown();
    const fail = [...challenge.querySelectorAll('button')].find((b) => b.textContent === 'Fail authentication');
    fail?.click();
    await waitForText(dialogOf(button), 'The payment was not confirmed by your bank.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
    await expectNothingTaken(customer.customerId);
  });

  it('pays with a saved card that asks for 3-D Secure', async () => {
    const customer = await claim();
    await testApi('save-card', { customer: customer.customerId, card: '4000002760003184' });
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'Saved: visa ending in 3184');
    const challenge = await challengeShown();
    const paid = oneEvent(button, 'billing-paid');
    (challenge.querySelector('button') as HTMLButtonElement).click();
    await paid;
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
  });

  it('pays several invoices at once: one charge for their sum, allocated to each', async () => {
    // An overdue customer owes January (23.80) and February (29.75): 53.55 in one payment.
    const customer = await claim('overdue');
    const [january, february] = customer.invoiceIds as [string, string];
    const button = await mount(customer.token, [january, february]);
    await openAndChoose(button, 'Card');
    await enterCard(button, '4242 4242 4242 4242');
    const paid = oneEvent(button, 'billing-paid') as Promise<BillingPaidEvent>;
    (await waitForButton(dialogOf(button), 'Pay €53.55')).click();
    const event = await paid;
    expect(event.payment.amount).to.equal('53.55');
    expect(event.invoiceIds).to.deep.equal([january, february]);
    expect(await invoiceOnServer(january)).to.include({ status: 'paid', amountRemaining: '0.00' });
    expect(await invoiceOnServer(february)).to.include({ status: 'paid', amountRemaining: '0.00' });
    await expectPaidOnce(customer.customerId, 'stripe', '53.55', [
      { invoiceId: january, amount: '23.80' },
      { invoiceId: february, amount: '29.75' },
    ]);
  });

  it('pays with PayPal’s buttons, and says so when the customer cancels there', async () => {
    const customer = await claim();
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    await openAndChoose(button, 'PayPal');
    const paypal = await until(() => deepQuery<HTMLButtonElement>(button, '[data-fake="paypal-button"]'));
    paypal.click();
    const cancel = await until(() => document.querySelector<HTMLDialogElement>('[data-fake="paypal-approval"]'));
    ([...cancel.querySelectorAll('button')].find((b) => b.textContent === 'Cancel') as HTMLButtonElement).click();
    await waitForText(dialogOf(button), 'You cancelled the payment. Nothing was charged.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
    await expectNothingTaken(customer.customerId);
    paypal.click();
    const approval = await until(() => document.querySelector<HTMLDialogElement>('[data-fake="paypal-approval"]'));
    const paid = oneEvent(button, 'billing-paid') as Promise<BillingPaidEvent>;
    ([...approval.querySelectorAll('button')].find((b) => b.textContent === 'Approve') as HTMLButtonElement).click();
    expect((await paid).payment.gateway).to.equal('paypal');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('paid');
    await expectPaidOnce(customer.customerId, 'paypal', '29.75', [{ invoiceId, amount: '29.75' }]);
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
      ...TEST_PAYMENTS,
      stripe: { ...TEST_PAYMENTS.stripe, scriptUrl: '/no-such-stripe-js.js' },
    });
    await openAndChoose(button, 'Card');
    await waitForText(dialogOf(button), 'The payment provider could not be loaded.');
    expect(deepText(dialogOf(button))).to.contain('How would you like to pay?');
  });

  it('reports Stripe being down as billing-error and keeps the invoice open', async () => {
    // The fake Stripe answers 500 to every try (with the SDK's retries) of the first call: the portal answers 503.
    const customer = await claim('standard', { gateway: 'down' });
    const invoiceId = customer.invoiceIds[1] as string;
    const button = await mount(customer.token, [invoiceId]);
    const failed = oneEvent(button, 'billing-error') as Promise<BillingErrorEvent>;
    await openAndChoose(button, 'Card');
    const event = await failed;
    expect(event.error.status).to.equal(503);
    expect(event.error.code).to.equal('gateway_unavailable');
    expect(event.operation).to.equal('pay');
    await waitForText(dialogOf(button), 'Something went wrong on our side.');
    expect((await invoiceOnServer(invoiceId)).status).to.equal('open');
    await expectNothingTaken(customer.customerId);
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
    await expectPaidOnce(customer.customerId, 'stripe', '29.75', [{ invoiceId, amount: '29.75' }]);
  });
});
