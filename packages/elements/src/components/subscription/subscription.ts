import { html, nothing } from 'lit';
import { isBillingApiError } from '../../api/billing-api-error';
import { newIdempotencyKey, type PortalApi } from '../../api/portal-api';
import type {
  PlanChangePreviewView,
  PlanOptionsView,
  PriceView,
  SubscriptionChangeView,
  SubscriptionDetailView,
  SubscriptionView,
} from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import { openModal } from '../../base/dialogs';
import { errorText } from '../../base/error-text';
import { priceText } from '../../documents/price-text';
import { BillingPlanChangedEvent } from '../../events/billing-plan-changed';
import { renderCancelForm } from './cancel-form';
import { subscriptionStyles } from './subscription.styles';

/** Where the plan-change dialog is. */
type ChangeStep =
  | { readonly step: 'choose'; readonly options: PlanOptionsView }
  | { readonly step: 'preview'; readonly options: PlanOptionsView; readonly preview: PlanChangePreviewView };

/** The first subscription that still runs, else the latest. */
async function pickSubscription(api: PortalApi, signal: AbortSignal): Promise<string | undefined> {
  const { items } = await api.get<{ items: SubscriptionView[] }>('subscriptions', {}, signal);
  return (items.find((s) => s.endedAt === undefined && s.status !== 'canceled') ?? items.at(-1))?.id;
}

/**
 * The customer's subscription: the plan and its price, status, current period and renewal or end date; changing
 * plan with the portal's proration preview (what is credited and charged for the rest of the period, what is
 * invoiced now, the next invoice) confirmed through the signed quote; cancelling at the end of the period or now,
 * with a reason. Resuming a cancelled subscription is not offered: the portal API has no route for it.
 *
 * @tagname billing-subscription
 * @summary The subscription with plan change (proration preview) and cancellation.
 * @fires {BillingPlanChangedEvent} billing-plan-changed - The plan was changed or the subscription cancelled.
 * @fires {BillingErrorEvent} billing-error - A call to the portal failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart plan - The current plan.
 * @csspart change-button - Opens the plan change.
 * @csspart cancel-button - Opens the cancellation.
 * @csspart dialog - The plan-change and cancellation dialogs.
 * @csspart preview - The proration preview.
 * @csspart message - A success or failure message.
 * @cssprop --billing-color-accent - Buttons.
 * @cssprop --billing-color-surface-raised - The plan card.
 */
export class BillingSubscription extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [...BillingElement.styles, subscriptionStyles];

  static override properties = {
    ...BillingElement.properties,
    subscriptionId: { attribute: 'subscription-id' },
    change: { state: true },
    chosenPrice: { state: true },
  };

  /** The subscription to show (default: the customer's running one). */
  declare subscriptionId: string | undefined;
  declare private change: ChangeStep | undefined;
  declare protected chosenPrice: string | undefined;
  declare protected busy: boolean;
  declare protected message: { readonly text: string; readonly tone: 'error' | 'success' } | undefined;

  #changeKey = newIdempotencyKey();
  #cancelKey = newIdempotencyKey();

  #load = this.loadTask({
    operation: 'load-subscription',
    args: () => [this.subscriptionId] as const,
    load: async (api, [given], signal) => {
      const id = given ?? (await pickSubscription(api, signal));
      if (id === undefined) return null;
      return api.get<SubscriptionDetailView>(`subscriptions/${encodeURIComponent(id)}`, {}, signal);
    },
  });

  override render() {
    return this.renderTask(this.#load, (detail) =>
      detail === null ? html`<p>${this.t.noSubscription}</p>` : this.#renderSubscription(detail),
    );
  }

  #renderSubscription({ subscription, prices }: SubscriptionDetailView) {
    const t = this.t;
    const format = this.format;
    const live = subscription.endedAt === undefined && subscription.status !== 'canceled';
    const statusText = {
      active: t.subscriptionActive,
      trialing: t.subscriptionTrialing,
      past_due: t.subscriptionPastDue,
      canceled: t.subscriptionCanceled,
      paused: t.subscriptionPaused,
      unpaid: t.subscriptionUnpaid,
    }[subscription.status];
    const end = subscription.endedAt
      ? t.endedOn(format.date(subscription.endedAt))
      : subscription.cancelAtPeriodEnd
        ? t.endsOn(format.date(subscription.currentPeriodEnd))
        : subscription.nextBillingAt
          ? t.renewsOn(format.date(subscription.nextBillingAt))
          : '';
    return html`<section part="plan" class="plan" aria-labelledby="plan-title">
        <h2 id="plan-title">${t.subscription}</h2>
        <p><span class="badge">${statusText}</span> ${end}</p>
        <ul class="prices">
          ${prices.map(
            (price) => html`<li>
              <strong class="text">${price.productName}</strong>
              <span class="muted">${priceText(t, format, price)}</span>
            </li>`,
          )}
        </ul>
        <p class="muted">
          ${t.currentPeriod}: ${format.period(subscription.currentPeriodStart, subscription.currentPeriodEnd)}
        </p>
        ${
          this.message && !this.#dialogOpen()
            ? html`<div class="notice ${this.message.tone}" role="status" part="message">${this.message.text}</div>`
            : nothing
        }
        ${
          live
            ? html`<div class="row">
              <button type="button" class="primary" part="change-button" @click=${() => this.#openChange(subscription)}>
                ${t.changePlan}
              </button>
              ${
                subscription.cancelAtPeriodEnd
                  ? nothing
                  : html`<button type="button" class="danger" part="cancel-button" @click=${this.#openCancel}>
                    ${t.cancelSubscription}
                  </button>`
              }
            </div>`
            : nothing
        }
      </section>
      <dialog id="change" part="dialog" aria-labelledby="change-title" @close=${this.#closed}>
        <h2 id="change-title">${this.change?.step === 'preview' ? t.previewTitle : t.changePlan}</h2>
        ${this.#dialogMessage()} ${this.#renderChange(subscription, prices)}
      </dialog>
      <dialog id="cancel" part="dialog" aria-labelledby="cancel-title" @close=${this.#closed}>
        <h2 id="cancel-title">${t.cancelTitle}</h2>
        ${this.#dialogMessage()}
        ${renderCancelForm(t, {
          periodEnd: format.date(subscription.currentPeriodEnd),
          busy: this.busy,
          submit: (input) => this.#cancel(subscription, input),
          close: () => this.#dialog('cancel')?.close(),
        })}
      </dialog>`;
  }

  #dialogMessage() {
    return this.message && this.#dialogOpen()
      ? html`<div class="notice ${this.message.tone}" role="alert" part="message">${this.message.text}</div>`
      : nothing;
  }

  #renderChange(subscription: SubscriptionView, current: readonly PriceView[]) {
    const t = this.t;
    const change = this.change;
    if (change === undefined) {
      return this.#dialog('change')?.open ? html`<p role="status">${t.loading}</p>` : nothing;
    }
    if (change.step === 'preview') return this.#renderPreview(change.preview, change.options);
    const currentIds = new Set(current.map((price) => price.priceId));
    const chosen = this.chosenPrice ?? change.options.prices.find((price) => currentIds.has(price.priceId))?.priceId;
    return html`<form @submit=${(event: Event) => this.#preview(event, subscription, current)}>
      <fieldset>
        <legend>${t.choosePlan}</legend>
        ${change.options.prices.map(
          (price) => html`<label>
            <input type="radio" name="price" value=${price.priceId} .checked=${price.priceId === chosen}
              @change=${() => {
                this.chosenPrice = price.priceId;
              }} />
            <span class="text">${price.productName}</span>
            <span class="muted">${priceText(t, this.format, price)}</span>
            ${currentIds.has(price.priceId) ? html`<span class="badge">${t.currentPlan}</span>` : nothing}
          </label>`,
        )}
      </fieldset>
      <div class="row actions">
        <button type="button" @click=${() => this.#dialog('change')?.close()}>${t.cancel}</button>
        <button type="submit" class="primary" ?disabled=${this.busy || chosen === undefined || currentIds.has(chosen)}>
          ${t.previewChange}
        </button>
      </div>
    </form>`;
  }

  #renderPreview(preview: PlanChangePreviewView, options: PlanOptionsView) {
    const t = this.t;
    const format = this.format;
    const currency = preview.subscription.currency;
    const prorateText = { next_invoice: t.prorateNextInvoice, immediate: t.prorateImmediate, none: t.prorateNone }[
      preview.prorate
    ];
    return html`<div part="preview" class="stack">
      <p>${prorateText}</p>
      ${
        preview.prorationLines.length > 0
          ? html`<table>
            <caption>${t.prorationTitle}</caption>
            <tbody>
              ${preview.prorationLines.map(
                (line) => html`<tr>
                  <td class="text">${line.description}</td>
                  <td class="amount">${format.money(line.amount, currency)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : nothing
      }
      ${preview.invoices.map(
        (invoice) => html`<p>${t.chargedNow}: <strong>${format.money(invoice.total, invoice.currency)}</strong></p>`,
      )}
      ${
        preview.upcomingInvoice
          ? html`<p>
            ${t.nextInvoiceTotal}:
            <strong>${format.money(preview.upcomingInvoice.total, preview.upcomingInvoice.currency)}</strong>
          </p>`
          : nothing
      }
      <p class="muted">${t.quoteValidUntil(format.dateTime(preview.expiresAt))}</p>
      <div class="row actions">
        <button type="button" @click=${() => {
          this.change = { step: 'choose', options };
          this.message = undefined;
        }}>${t.back}</button>
        <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.#confirm(preview)}>
          ${t.confirmChange}
        </button>
      </div>
    </div>`;
  }

  #dialog(id: 'change' | 'cancel'): HTMLDialogElement | null {
    return this.renderRoot.querySelector(`dialog#${id}`);
  }

  #dialogOpen(): boolean {
    return Boolean(this.#dialog('change')?.open || this.#dialog('cancel')?.open);
  }

  async #openChange(subscription: SubscriptionView): Promise<void> {
    this.change = undefined;
    this.chosenPrice = undefined;
    this.message = undefined;
    openModal(this.#dialog('change'));
    this.requestUpdate();
    try {
      const options = await (this.api as PortalApi).get<PlanOptionsView>(
        `subscriptions/${encodeURIComponent(subscription.id)}/plan-options`,
      );
      this.change = { step: 'choose', options };
    } catch (error) {
      this.#failed(error, 'load-plan-options');
    }
  }

  async #preview(event: Event, subscription: SubscriptionView, current: readonly PriceView[]): Promise<void> {
    event.preventDefault();
    const change = this.change;
    const chosen = this.chosenPrice;
    if (change === undefined || chosen === undefined) return;
    // The plan is the item whose price the options list (else the in-advance ones); usage items stay as they are.
    const optionIds = new Set(change.options.prices.map((price) => price.priceId));
    const timing = new Map(current.map((price) => [price.priceId, price.timing]));
    const isPlan = subscription.items.some((item) => optionIds.has(item.priceId))
      ? (priceId: string) => optionIds.has(priceId)
      : (priceId: string) => timing.get(priceId) === 'in_advance';
    const items = [
      ...subscription.items
        .filter((item) => !isPlan(item.priceId))
        .map((item) => ({ priceId: item.priceId, quantity: item.quantity })),
      { priceId: chosen, quantity: '1' },
    ];
    await this.#plan('preview-plan-change', async (api) => {
      const preview = await api.post<PlanChangePreviewView>(
        `subscriptions/${encodeURIComponent(subscription.id)}/change-preview`,
        { items },
      );
      this.#changeKey = newIdempotencyKey();
      this.change = { step: 'preview', options: change.options, preview };
    });
  }

  async #confirm(preview: PlanChangePreviewView): Promise<void> {
    await this.#plan('change-plan', async (api) => {
      const result = await api.post<SubscriptionChangeView>(
        `subscriptions/${encodeURIComponent(preview.subscription.id)}/change`,
        { quote: preview.quote },
        this.#changeKey,
      );
      this.#dialog('change')?.close();
      this.message = { tone: 'success', text: this.t.planChanged };
      this.dispatchEvent(new BillingPlanChangedEvent('change', result));
      void this.#load.run();
    });
  }

  #openCancel(): void {
    this.message = undefined;
    this.#cancelKey = newIdempotencyKey();
    openModal(this.#dialog('cancel'));
  }

  async #cancel(
    subscription: SubscriptionView,
    input: { atPeriodEnd: boolean; reason: string; comment?: string },
  ): Promise<void> {
    await this.#plan('cancel-subscription', async (api) => {
      const result = await api.post<SubscriptionChangeView>(
        `subscriptions/${encodeURIComponent(subscription.id)}/cancel`,
        input,
        this.#cancelKey,
      );
      this.#dialog('cancel')?.close();
      this.message = {
        tone: 'success',
        text: result.subscription.cancelAtPeriodEnd
          ? this.t.cancelScheduled(this.format.date(result.subscription.currentPeriodEnd))
          : this.t.cancelled,
      };
      this.dispatchEvent(new BillingPlanChangedEvent('cancel', result));
      void this.#load.run();
    });
  }

  /** A plan action (see {@link runAction}), failures said with the quote in mind. */
  #plan(operation: string, work: (api: PortalApi) => Promise<void>): Promise<void> {
    return this.runAction(operation, work, (error) => this.#failureText(error));
  }

  /** Why a plan action failed; the portal refuses an expired or stale quote as a conflict on `body.quote`. */
  #failureText(error: unknown): string {
    const expired = isBillingApiError(error) && error.code === 'conflict' && error.problem?.path?.at(-1) === 'quote';
    return expired ? this.t.quoteExpired : errorText(this.t, error);
  }

  #failed(error: unknown, operation: string): void {
    this.reportFailure(error, operation);
    this.message = { tone: 'error', text: this.#failureText(error) };
  }

  #closed(): void {
    this.change = undefined;
    if (this.message?.tone === 'error') this.message = undefined;
  }
}
