import { css, html } from 'lit';
import type { PortalApi } from '../../api/portal-api';
import type { SubscriptionView, UsageView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';

/** Usage of every subscription that still runs (or of the one named). */
async function loadUsage(api: PortalApi, given: string | undefined, signal: AbortSignal): Promise<UsageView[]> {
  const ids =
    given === undefined
      ? (await api.get<{ items: SubscriptionView[] }>('subscriptions', {}, signal)).items
          .filter((s) => s.endedAt === undefined && s.status !== 'canceled')
          .map((s) => s.id)
      : [given];
  return Promise.all(ids.map((id) => api.get<UsageView>(`subscriptions/${encodeURIComponent(id)}/usage`, {}, signal)));
}

/**
 * Metered usage this period: each meter's quantity so far and the charge it comes to if the period ended now (an
 * estimate until the period is invoiced), for one subscription (`subscription-id`) or every running one.
 *
 * @tagname billing-usage
 * @summary Meters with their usage and projected charge.
 * @fires {BillingErrorEvent} billing-error - Loading failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart meters - The table of meters.
 * @csspart projected - A projected charge.
 * @cssprop --billing-color-text-muted - The period and the estimate note.
 */
export class BillingUsage extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [
    ...BillingElement.styles,
    css`
      .period {
        margin-bottom: var(--_space);
      }
    `,
  ];

  static override properties = {
    ...BillingElement.properties,
    subscriptionId: { attribute: 'subscription-id' },
  };

  /** The subscription whose usage to show (default: every running one). */
  declare subscriptionId: string | undefined;

  #load = this.loadTask({
    operation: 'load-usage',
    args: () => [this.subscriptionId] as const,
    load: (api, [id], signal) => loadUsage(api, id, signal),
  });

  override render() {
    return html`<h2>${this.t.usage}</h2>
      ${this.renderTask(this.#load, (usages) => {
        const metered = usages.filter((usage) => usage.meters.length > 0);
        if (metered.length === 0) return html`<p>${this.t.noUsage}</p>`;
        return html`${metered.map((usage) => this.#renderUsage(usage))}
          <p class="muted">${this.t.projectedNote}</p>`;
      })}`;
  }

  #renderUsage(usage: UsageView) {
    const t = this.t;
    const format = this.format;
    return html`<table part="meters">
      <caption class="period muted">${t.period}: ${format.period(usage.from, usage.to)}</caption>
      <thead>
        <tr>
          <th scope="col">${t.meter}</th>
          <th scope="col" class="amount">${t.used}</th>
          <th scope="col" class="amount">${t.projectedCharge}</th>
        </tr>
      </thead>
      <tbody>
        ${usage.meters.map(
          (meter) => html`<tr>
            <th scope="row" class="text">${meter.meterName}</th>
            <td class="amount">${format.number(meter.quantity)}</td>
            <td class="amount" part="projected">${format.money(meter.projectedAmount, meter.currency)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
