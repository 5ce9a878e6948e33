import { html, nothing, type PropertyValues } from 'lit';
import { isBillingApiError } from '../../api/billing-api-error';
import { newIdempotencyKey } from '../../api/portal-api';
import type { InvoiceView, PaymentIntentView, PaymentMethodView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import { openModal, reallyClosed, whileNonModal } from '../../base/dialogs';
import { errorText } from '../../base/error-text';
import { BillingPaidEvent } from '../../events/billing-paid';
import { type PayableInvoice, paymentReference, totalRemaining } from '../../payments/amounts';
import { loadPaypal, paypalOrderId } from '../../payments/paypal-sdk';
import { loadStripe, type StripeJsError, type StripeJsResult } from '../../payments/stripe-js';
import { renderOfflineInstructions } from './offline-instructions';
import { payButtonStyles } from './pay-button.styles';

/** A way to pay offered in the dialog. */
type PayMethod =
  | { readonly kind: 'card' | 'paypal' | 'bank_transfer' | 'cheque' }
  | { readonly kind: 'saved'; readonly method: PaymentMethodView };

/** Where the dialog is. */
type PayStep = 'choose' | 'preparing' | 'card' | 'paypal' | 'offline' | 'paying' | 'done';

/** Space-separated ids in the `invoice-ids` attribute. */
const idList = {
  fromAttribute: (value: string | null) => (value ?? '').split(/\s+/).filter(Boolean),
  toAttribute: (value: readonly string[]) => value.join(' '),
};

/**
 * Pays one or several open invoices of one currency: with a saved payment method, a card in Stripe's hosted fields
 * (Stripe.js is loaded only now, from `paymentOptions.stripe.scriptUrl`), PayPal's buttons, or instructions for a
 * bank transfer or a cheque with the reference to quote. Handles 3-D Secure (the dialog turns non-modal while the
 * provider's own challenge overlay is up), declines and failures; everything works by keyboard, and focus returns to
 * the button when the dialog closes.
 *
 * @tagname billing-pay-button
 * @summary A button that opens the payment dialog for invoices.
 * @slot - The button's label (default: "Pay 12.00 €" when the amount is known, else "Pay now").
 * @fires {BillingPaidEvent} billing-paid - A payment succeeded or is processing.
 * @fires billing-pay-finished - The dialog of a successful payment was closed (does not bubble): reload what it paid.
 * @fires {BillingErrorEvent} billing-error - A call to the portal failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart button - The button that opens the dialog.
 * @csspart dialog - The payment dialog.
 * @csspart methods - The choice of payment methods.
 * @csspart provider-fields - Where the provider's hosted fields or buttons are mounted.
 * @csspart instructions - Bank-transfer or cheque instructions.
 * @csspart reference - The reference to quote.
 * @csspart message - A decline, failure or success message.
 * @cssprop --billing-color-accent - Buttons and focus ring.
 * @cssprop --billing-color-danger - Decline and failure messages.
 * @cssprop --billing-radius - Corners of the button and dialog.
 */
export class BillingPayButton extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [...BillingElement.styles, payButtonStyles];

  static override properties = {
    ...BillingElement.properties,
    invoiceIds: { attribute: 'invoice-ids', converter: idList },
    invoices: { attribute: false },
    step: { state: true },
    choices: { state: true },
    chosen: { state: true },
    loaded: { state: true },
    result: { state: true },
    copied: { state: true },
  };

  /** The invoices to pay, by id (fetched when the dialog opens). */
  declare invoiceIds: readonly string[];
  /** The invoices to pay, when the host already has them (then no fetch is needed). */
  declare invoices: readonly PayableInvoice[] | undefined;
  declare private step: PayStep;
  declare private choices: readonly PayMethod[];
  declare private chosen: PayMethod | undefined;
  declare protected loaded: readonly PayableInvoice[] | undefined;
  declare protected message: { readonly text: string; readonly tone: 'error' | 'success' } | undefined;
  declare protected result: PaymentIntentView | undefined;
  declare protected copied: boolean;

  /** The idempotency key of the payment being created: a retry after a lost answer creates no second payment. */
  #payKey = newIdempotencyKey();
  #confirmKey = newIdempotencyKey();
  #mounted: { destroy(): void } | undefined;
  #card: { pay: () => Promise<StripeJsResult>; intent: PaymentIntentView } | undefined;
  #submitting = false;

  constructor() {
    super();
    this.invoiceIds = [];
    this.step = 'choose';
    this.choices = [];
    this.copied = false;
  }

  /** The invoices in use: given, or fetched. */
  get #invoices(): readonly PayableInvoice[] {
    return this.invoices ?? this.loaded ?? [];
  }

  get #ids(): readonly string[] {
    return this.invoices?.map((invoice) => invoice.id) ?? this.invoiceIds;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('invoiceIds') || changed.has('invoices')) this.loaded = undefined;
  }

  override render() {
    const total = totalRemaining(this.#invoices);
    const label = total ? this.t.payAmount(this.format.money(total.amount, total.currency)) : this.t.payNow;
    const settled = this.invoices !== undefined && total !== undefined && total.amount.replace(/[0.]/g, '') === '';
    return html`<button type="button" class="primary" part="button" ?disabled=${settled} @click=${this.open}>
        <slot>${label}</slot>
      </button>
      <dialog part="dialog" aria-labelledby="pay-title" @close=${this.#onClose} @cancel=${this.#onCancel}>
        <h2 id="pay-title" tabindex="-1">${this.t.payTitle}</h2>
        ${this.#dialog?.open ? this.#renderBody() : nothing}
      </dialog>`;
  }

  /** Opens the payment dialog (what the button does). */
  async open(): Promise<void> {
    await this.updateComplete;
    this.step = 'choose';
    this.message = undefined;
    this.result = undefined;
    this.chosen = undefined;
    this.#payKey = newIdempotencyKey();
    openModal(this.#dialog);
    this.requestUpdate();
    await this.#loadChoices();
  }

  #renderBody() {
    const total = totalRemaining(this.#invoices);
    const amount = total ? this.format.money(total.amount, total.currency) : '';
    const summary =
      this.#invoices.length > 0
        ? html`<p>${this.t.payFor(paymentReference(this.#invoices))} · <strong>${amount}</strong></p>`
        : nothing;
    const message = this.message
      ? html`<div class="notice ${this.message.tone}" role=${this.message.tone === 'error' ? 'alert' : 'status'} part="message">
          ${this.message.text}
        </div>`
      : nothing;
    return html`${summary} ${message} ${this.#renderStep(amount)}
      <div class="row actions">
        ${
          this.step !== 'choose' && this.step !== 'done' && this.step !== 'paying'
            ? html`<button type="button" @click=${this.#back}>${this.t.back}</button>`
            : nothing
        }
        <button type="button" @click=${() => this.#dialog?.close()}>${this.t.close}</button>
      </div>`;
  }

  #renderStep(amount: string) {
    switch (this.step) {
      case 'choose':
        return this.#renderChoices();
      case 'preparing':
        return html`<p role="status">${this.t.preparingPayment}</p>`;
      case 'paying':
        return html`<p role="status">${this.t.paying}</p>`;
      case 'card':
        return html`<form @submit=${this.#submitCard}>
          <fieldset>
            <legend>${this.t.cardDetails}</legend>
            <div class="provider-fields" part="provider-fields"></div>
          </fieldset>
          <div class="row actions"><button class="primary" type="submit">${this.t.payAmount(amount)}</button></div>
        </form>`;
      case 'paypal':
        return html`<div class="provider-fields" part="provider-fields"></div>`;
      case 'offline': {
        const kind = this.chosen?.kind === 'cheque' ? 'cheque' : 'bank_transfer';
        return renderOfflineInstructions(this.t, kind, this.payments, {
          amount,
          reference: paymentReference(this.#invoices),
          copied: this.copied,
          onCopy: (text) => this.#copy(text),
        });
      }
      case 'done':
        return nothing;
    }
  }

  #renderChoices() {
    if (this.loaded === undefined && this.invoices === undefined) {
      return html`<p role="status">${this.t.loading}</p>`;
    }
    if (this.#invoices.length > 0 && totalRemaining(this.#invoices)?.amount.replace(/[0.]/g, '') === '') {
      return html`<p>${this.t.nothingToPay}</p>`;
    }
    if (this.choices.length === 0) return html`<p>${this.t.errorNotImplemented}</p>`;
    const label = (choice: PayMethod) =>
      choice.kind === 'saved'
        ? this.t.methodSaved(
            choice.method.last4
              ? this.t.cardEnding(choice.method.brand ?? choice.method.type, choice.method.last4)
              : choice.method.type,
          )
        : {
            card: this.t.methodCard,
            paypal: this.t.methodPaypal,
            bank_transfer: this.t.methodBankTransfer,
            cheque: this.t.methodCheque,
          }[choice.kind];
    const chosen = this.chosen ?? this.choices[0];
    return html`<form @submit=${this.#choose}>
      <fieldset part="methods">
        <legend>${this.t.howToPay}</legend>
        ${this.choices.map(
          (choice, i) => html`<label>
            <input type="radio" name="method" value=${i} .checked=${choice === chosen} @change=${() => {
              this.chosen = choice;
            }} />
            ${label(choice)}
          </label>`,
        )}
      </fieldset>
      <div class="row actions"><button class="primary" type="submit">${this.t.continue}</button></div>
    </form>`;
  }

  async #loadChoices(): Promise<void> {
    const api = this.api;
    if (api === undefined) return;
    const options = this.payments;
    try {
      if (this.invoices === undefined && this.loaded === undefined) {
        this.loaded = await Promise.all(
          this.invoiceIds.map((id) => api.get<InvoiceView>(`invoices/${encodeURIComponent(id)}`)),
        );
      }
      let saved: readonly PaymentMethodView[] = [];
      if (options.stripe) {
        saved = await api
          .get<{ items: PaymentMethodView[] }>('payment-methods')
          .then((reply) => reply.items)
          .catch((error) => {
            // No saved methods where the portal does not offer them (yet): paying still works.
            if (isBillingApiError(error) && (error.code === 'not_implemented' || error.code === 'forbidden')) return [];
            throw error;
          });
      }
      this.choices = [
        ...saved.filter((method) => method.gateway === 'stripe').map((method) => ({ kind: 'saved' as const, method })),
        ...(options.stripe ? [{ kind: 'card' as const }] : []),
        ...(options.paypal ? [{ kind: 'paypal' as const }] : []),
        ...(options.bankTransfer ? [{ kind: 'bank_transfer' as const }] : []),
        ...(options.cheque ? [{ kind: 'cheque' as const }] : []),
      ];
      this.chosen = this.choices[0];
    } catch (error) {
      this.#fail(error, 'load-payment');
    }
  }

  #choose(event: Event): void {
    event.preventDefault();
    const choice = this.chosen;
    this.message = undefined;
    if (choice === undefined) return;
    if (choice.kind === 'bank_transfer' || choice.kind === 'cheque') {
      this.step = 'offline';
      return;
    }
    if (choice.kind === 'saved') void this.#paySaved(choice.method);
    else if (choice.kind === 'card') void this.#startCard();
    else void this.#startPaypal();
  }

  #back(): void {
    this.#unmount();
    this.message = undefined;
    this.step = 'choose';
    this.#payKey = newIdempotencyKey();
  }

  /** `POST /payments` for the invoices; the same key until the customer picks another way. */
  #createPayment(body: { gateway: string; paymentMethodId?: string }): Promise<PaymentIntentView> {
    const returnUrl = this.payments.returnUrl ?? location.href;
    return (this.api as NonNullable<typeof this.api>).post<PaymentIntentView>(
      'payments',
      { invoiceIds: this.#ids, ...body, returnUrl },
      this.#payKey,
    );
  }

  /** `POST /payments/{id}/confirm` after the provider's step. */
  async #confirm(paymentId: string, providerReference: string | undefined): Promise<PaymentIntentView> {
    const confirmed = await (this.api as NonNullable<typeof this.api>).post<PaymentIntentView>(
      `payments/${encodeURIComponent(paymentId)}/confirm`,
      providerReference === undefined ? {} : { providerReference },
      this.#confirmKey,
    );
    this.#confirmKey = newIdempotencyKey();
    return confirmed;
  }

  async #startCard(): Promise<void> {
    const stripeOptions = this.payments.stripe;
    if (stripeOptions === undefined) return;
    this.step = 'preparing';
    try {
      const intent = await this.#createPayment({ gateway: 'stripe' });
      if (intent.status !== 'requires_action' || intent.clientSecret === undefined) return this.#finish(intent);
      const stripe = await this.#provider(() => loadStripe({ ...stripeOptions, locale: this.resolvedLocale }));
      if (stripe === undefined) return;
      const elements = stripe.elements({ clientSecret: intent.clientSecret, locale: this.resolvedLocale });
      this.step = 'card';
      await this.updateComplete;
      const element = elements.create('payment');
      element.mount(this.renderRoot.querySelector('[part="provider-fields"]') as HTMLElement);
      this.#mounted = element;
      const returnUrl = this.payments.returnUrl ?? location.href;
      this.#card = {
        intent,
        pay: () =>
          stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' }),
      };
    } catch (error) {
      this.#fail(error, 'pay');
    }
  }

  async #submitCard(event: Event): Promise<void> {
    event.preventDefault();
    const card = this.#card;
    if (card === undefined || this.#submitting) return;
    this.message = undefined;
    this.#submitting = true;
    const outcome = await this.#withProviderOverlay(() => card.pay()).finally(() => {
      this.#submitting = false;
    });
    if (outcome.error !== undefined) {
      this.message = { tone: 'error', text: this.#stripeErrorText(outcome.error) };
      return;
    }
    await this.#confirmAndFinish(card.intent.paymentId, outcome.paymentIntent?.id);
  }

  async #paySaved(method: PaymentMethodView): Promise<void> {
    this.step = 'paying';
    try {
      const intent = await this.#createPayment({ gateway: method.gateway, paymentMethodId: method.id });
      if (intent.status !== 'requires_action' || intent.clientSecret === undefined) return this.#finish(intent);
      const stripeOptions = this.payments.stripe;
      if (stripeOptions === undefined) return;
      const stripe = await this.#provider(() => loadStripe({ ...stripeOptions, locale: this.resolvedLocale }));
      if (stripe === undefined) return;
      const secret = intent.clientSecret;
      const outcome = await this.#withProviderOverlay(() => stripe.handleNextAction({ clientSecret: secret }));
      if (outcome.error !== undefined) {
        this.step = 'choose';
        this.#payKey = newIdempotencyKey();
        this.message = { tone: 'error', text: this.#stripeErrorText(outcome.error) };
        return;
      }
      await this.#confirmAndFinish(intent.paymentId, outcome.paymentIntent?.id);
    } catch (error) {
      this.#fail(error, 'pay');
    }
  }

  async #startPaypal(): Promise<void> {
    const paypalOptions = this.payments.paypal;
    const currency = this.#invoices[0]?.currency;
    if (paypalOptions === undefined || currency === undefined) return;
    this.step = 'preparing';
    const paypal = await this.#provider(() => loadPaypal({ ...paypalOptions, currency, locale: this.resolvedLocale }));
    if (paypal === undefined) return;
    this.step = 'paypal';
    await this.updateComplete;
    let intent: PaymentIntentView | undefined;
    await paypal
      .Buttons({
        createOrder: async () => {
          intent = await this.#createPayment({ gateway: 'paypal' }).catch((error) => {
            this.#fail(error, 'pay');
            throw error;
          });
          const orderId = paypalOrderId(intent.approvalUrl);
          if (orderId === undefined) throw new Error('the payment has no PayPal order');
          return orderId;
        },
        onApprove: async ({ orderID }) => {
          if (intent !== undefined) await this.#confirmAndFinish(intent.paymentId, orderID);
        },
        onCancel: () => {
          this.message = { tone: 'error', text: this.t.paymentCancelled };
          this.#payKey = newIdempotencyKey();
        },
        onError: () => {
          this.message ??= { tone: 'error', text: this.t.paymentFailed };
        },
      })
      .render(this.renderRoot.querySelector('[part="provider-fields"]') as HTMLElement);
  }

  /** Loads a provider's script; on failure says so and goes back to the choice. */
  async #provider<T>(load: () => Promise<T>): Promise<T | undefined> {
    try {
      return await load();
    } catch {
      this.step = 'choose';
      this.message = { tone: 'error', text: this.t.providerUnavailable };
      return undefined;
    }
  }

  /** A provider step with the dialog non-modal (see {@link whileNonModal}). */
  #withProviderOverlay<T>(step: () => Promise<T>): Promise<T> {
    if (this.step !== 'card') this.step = 'paying';
    return whileNonModal(this.#dialog, step);
  }

  async #confirmAndFinish(paymentId: string, providerReference: string | undefined): Promise<void> {
    this.step = 'paying';
    try {
      this.#finish(await this.#confirm(paymentId, providerReference));
    } catch (error) {
      this.#fail(error, 'confirm-payment');
    }
  }

  #finish(payment: PaymentIntentView): void {
    this.#unmount();
    if (payment.status === 'succeeded' || payment.status === 'processing') {
      this.step = 'done';
      this.result = payment;
      this.message = {
        tone: 'success',
        text: payment.status === 'succeeded' ? this.t.paymentSucceeded : this.t.paymentProcessing,
      };
      this.dispatchEvent(new BillingPaidEvent(payment, this.#ids));
      return;
    }
    this.step = 'choose';
    this.#payKey = newIdempotencyKey();
    this.message = { tone: 'error', text: this.t.paymentFailed };
  }

  #fail(error: unknown, operation: string): void {
    this.reportFailure(error, operation);
    this.#unmount();
    this.step = 'choose';
    this.message = { tone: 'error', text: errorText(this.t, error) };
  }

  #stripeErrorText(error: StripeJsError): string {
    if (error.code === 'card_declined') return this.t.paymentDeclined;
    if (error.code === 'payment_intent_authentication_failure') return this.t.paymentAuthenticationFailed;
    // Stripe's own messages for card and validation errors are written for customers and localized by Stripe.
    if ((error.type === 'card_error' || error.type === 'validation_error') && error.message) return error.message;
    return this.t.paymentFailed;
  }

  async #copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = true;
    } catch {
      // Without clipboard permission the reference stays visible to copy by hand.
    }
  }

  #unmount(): void {
    this.#mounted?.destroy();
    this.#mounted = undefined;
    this.#card = undefined;
  }

  #onCancel(event: Event): void {
    // Escape must not close the dialog in the middle of a payment.
    if (this.step === 'paying') event.preventDefault();
  }

  #onClose(event: Event): void {
    if (!reallyClosed(event)) return;
    // Whoever shows the paid invoices reloads now, not while the customer still reads the confirmation.
    if (this.step === 'done') this.dispatchEvent(new Event('billing-pay-finished'));
    this.#unmount();
    this.copied = false;
    this.requestUpdate();
  }
}
