import { css, html, nothing } from 'lit';
import { isBillingApiError } from '../../api/billing-api-error';
import { newIdempotencyKey } from '../../api/portal-api';
import type { PaymentMethodSetupView, PaymentMethodView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import { openModal, reallyClosed, whileNonModal } from '../../base/dialogs';
import { loadStripe, type StripeJsResult } from '../../payments/stripe-js';

/**
 * The customer's saved payment methods (brand, last four digits, expiry; never a card number): make one the
 * default, remove one (after a confirmation), add a card in Stripe's hosted fields (Stripe.js loaded only then) or
 * PayPal through its approval page. Says so calmly where the portal does not offer payment methods yet.
 *
 * @tagname billing-payment-methods
 * @summary Saved payment methods: default, remove, add.
 * @fires {BillingErrorEvent} billing-error - A call to the portal failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart list - The list of methods.
 * @csspart method - One saved method.
 * @csspart add-card - The add-a-card button.
 * @csspart dialog - The add and remove dialogs.
 * @csspart provider-fields - Where Stripe's hosted fields are mounted.
 * @csspart message - A success or failure message.
 * @cssprop --billing-color-border - The cards' borders.
 */
export class BillingPaymentMethods extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [
    ...BillingElement.styles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 calc(var(--_space) * 2);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space);
        align-items: center;
        justify-content: space-between;
        padding: var(--_space) calc(var(--_space) * 1.5);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin-bottom: var(--_space);
      }
      .provider-fields {
        min-height: 3rem;
        margin-bottom: var(--_space);
      }
      .actions {
        justify-content: flex-end;
      }
    `,
  ];

  static override properties = {
    ...BillingElement.properties,
    removing: { state: true },
    adding: { state: true },
  };

  declare protected removing: PaymentMethodView | undefined;
  declare protected adding: 'preparing' | 'ready' | undefined;
  declare protected busy: boolean;
  declare protected message: { readonly text: string; readonly tone: 'error' | 'success' } | undefined;

  #setup: { confirm: () => Promise<StripeJsResult>; destroy: () => void } | undefined;

  #load = this.loadTask({
    operation: 'load-payment-methods',
    args: () => [] as const,
    load: async (api, _args, signal) => {
      try {
        return (await api.get<{ items: PaymentMethodView[] }>('payment-methods', {}, signal)).items;
      } catch (error) {
        if (isBillingApiError(error) && error.code === 'not_implemented') return null;
        throw error;
      }
    },
  });

  override render() {
    const t = this.t;
    return html`<h2>${t.paymentMethods}</h2>
      ${
        this.message && !this.adding && !this.removing
          ? html`<div class="notice ${this.message.tone}" role="status" part="message">${this.message.text}</div>`
          : nothing
      }
      ${this.renderTask(this.#load, (methods) =>
        methods === null ? html`<p>${t.paymentMethodsUnavailable}</p>` : this.#renderMethods(methods),
      )}
      <dialog id="remove" part="dialog" aria-labelledby="remove-title" @close=${() => {
        this.removing = undefined;
      }}>
        <h2 id="remove-title">${t.removeTitle}</h2>
        ${this.removing ? html`<p>${t.removeConfirm(this.#label(this.removing))}</p>` : nothing}
        ${this.#dialogMessage()}
        <div class="row actions">
          <button type="button" @click=${() => this.#dialog('remove')?.close()}>${t.cancel}</button>
          <button type="button" class="danger" ?disabled=${this.busy} @click=${this.#remove}>${t.remove}</button>
        </div>
      </dialog>
      <dialog id="add" part="dialog" aria-labelledby="add-title" @close=${this.#closeAdd}>
        <h2 id="add-title">${t.addCard}</h2>
        ${this.#dialogMessage()}
        <form @submit=${this.#saveCard}>
          ${this.adding === 'preparing' ? html`<p role="status">${t.preparingPayment}</p>` : nothing}
          <div class="provider-fields" part="provider-fields"></div>
          <div class="row actions">
            <button type="button" @click=${() => this.#dialog('add')?.close()}>${t.cancel}</button>
            <button type="submit" class="primary" ?disabled=${this.busy || this.adding !== 'ready'}>${t.saveCard}</button>
          </div>
        </form>
      </dialog>`;
  }

  #renderMethods(methods: readonly PaymentMethodView[]) {
    const t = this.t;
    const options = this.payments;
    return html`${
      methods.length === 0
        ? html`<p>${t.noPaymentMethods}</p>`
        : html`<ul part="list">
            ${methods.map(
              (method) => html`<li part="method">
                <span>
                  <strong class="text">${this.#label(method)}</strong>
                  ${
                    method.expMonth && method.expYear
                      ? html`<span class="muted">${t.expires(`${String(method.expMonth).padStart(2, '0')}/${method.expYear}`)}</span>`
                      : nothing
                  }
                  ${method.isDefault ? html`<span class="badge">${t.default}</span>` : nothing}
                </span>
                <span class="row">
                  ${
                    method.isDefault
                      ? nothing
                      : html`<button type="button" ?disabled=${this.busy} @click=${() => this.#makeDefault(method)}>
                        ${t.makeDefault}<span class="visually-hidden">: ${this.#label(method)}</span>
                      </button>`
                  }
                  <button type="button" class="danger" @click=${() => this.#askRemove(method)}>
                    ${t.remove}<span class="visually-hidden">: ${this.#label(method)}</span>
                  </button>
                </span>
              </li>`,
            )}
          </ul>`
    }
      <div class="row">
        ${
          options.stripe
            ? html`<button type="button" class="primary" part="add-card" @click=${this.#addCard}>${t.addCard}</button>`
            : nothing
        }
        ${options.paypal ? html`<button type="button" @click=${this.#addPaypal}>${t.addPaypal}</button>` : nothing}
      </div>`;
  }

  #label(method: PaymentMethodView): string {
    if (method.last4) return this.t.cardEnding(method.brand ?? method.type, method.last4);
    return method.type === 'paypal' ? this.t.methodPaypal : method.type;
  }

  #dialogMessage() {
    return this.message && (this.adding || this.removing)
      ? html`<div class="notice ${this.message.tone}" role="alert" part="message">${this.message.text}</div>`
      : nothing;
  }

  #dialog(id: 'add' | 'remove'): HTMLDialogElement | null {
    return this.renderRoot.querySelector(`dialog#${id}`);
  }

  #makeDefault(method: PaymentMethodView): Promise<void> {
    return this.runAction('set-default-payment-method', async (api) => {
      await api.post(`payment-methods/${encodeURIComponent(method.id)}/default`, undefined);
      await this.#load.run();
    });
  }

  #askRemove(method: PaymentMethodView): void {
    this.message = undefined;
    this.removing = method;
    openModal(this.#dialog('remove'));
  }

  #remove(): Promise<void> {
    const method = this.removing;
    if (method === undefined) return Promise.resolve();
    return this.runAction('remove-payment-method', async (api) => {
      await api.delete(`payment-methods/${encodeURIComponent(method.id)}`);
      this.#dialog('remove')?.close();
      await this.#load.run();
    });
  }

  #returnUrl(): string {
    return this.payments.returnUrl ?? location.href;
  }

  async #addCard(): Promise<void> {
    const stripeOptions = this.payments.stripe;
    if (stripeOptions === undefined) return;
    this.message = undefined;
    this.adding = 'preparing';
    openModal(this.#dialog('add'));
    await this.runAction('setup-payment-method', async (api) => {
      const setup = await api.post<PaymentMethodSetupView>(
        'payment-methods/setup',
        { gateway: 'stripe', returnUrl: this.#returnUrl() },
        newIdempotencyKey(),
      );
      const stripe = await loadStripe({ ...stripeOptions, locale: this.resolvedLocale }).catch(() => {
        throw new Error('provider');
      });
      const elements = stripe.elements({ clientSecret: setup.clientSecret ?? '', locale: this.resolvedLocale });
      const element = elements.create('payment');
      element.mount(this.renderRoot.querySelector('#add [part="provider-fields"]') as HTMLElement);
      const returnUrl = this.#returnUrl();
      this.#setup = {
        confirm: () =>
          stripe.confirmSetup({ elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' }),
        destroy: () => element.destroy(),
      };
      this.adding = 'ready';
    });
    if (this.adding === 'preparing' && this.message === undefined) {
      this.message = { tone: 'error', text: this.t.providerUnavailable };
    }
  }

  async #saveCard(event: Event): Promise<void> {
    event.preventDefault();
    const setup = this.#setup;
    if (setup === undefined || this.busy) return;
    this.busy = true;
    this.message = undefined;
    const dialog = this.#dialog('add');
    const outcome = await whileNonModal(dialog, () => setup.confirm());
    this.busy = false;
    if (outcome.error) {
      this.message = { tone: 'error', text: outcome.error.message ?? this.t.paymentFailed };
      return;
    }
    dialog?.close();
    this.message = { tone: 'success', text: this.t.paymentMethodSaved };
    await this.#load.run();
  }

  #addPaypal(): Promise<void> {
    return this.runAction('setup-payment-method', async (api) => {
      const setup = await api.post<PaymentMethodSetupView>(
        'payment-methods/setup',
        { gateway: 'paypal', returnUrl: this.#returnUrl() },
        newIdempotencyKey(),
      );
      // PayPal saves a wallet on its own approval page, then sends the browser back to `returnUrl`.
      if (setup.approvalUrl) location.assign(setup.approvalUrl);
    });
  }

  #closeAdd(event: Event): void {
    if (!reallyClosed(event)) return;
    this.#setup?.destroy();
    this.#setup = undefined;
    this.adding = undefined;
    if (this.message?.tone === 'error') this.message = undefined;
  }
}
