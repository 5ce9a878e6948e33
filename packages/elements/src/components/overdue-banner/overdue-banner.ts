import { css, html, nothing } from 'lit';
import type { AccountView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import { totalRemaining } from '../../payments/amounts';

/**
 * A banner while something is overdue: how much, since when, how many invoices, the service access state (once
 * the portal reports it) and a pay-now button for the overdue invoices. Renders nothing while it loads, when loading
 * fails (a `billing-error` tells the host) and when nothing is overdue.
 *
 * @tagname billing-overdue-banner
 * @summary What is overdue, the access state, and pay now.
 * @fires {BillingPaidEvent} billing-paid - The overdue invoices were paid from the banner.
 * @fires {BillingErrorEvent} billing-error - Loading failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart banner - The banner.
 * @csspart access - The service access state.
 * @cssprop --billing-color-danger - The banner's edge and title.
 */
export class BillingOverdueBanner extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [
    ...BillingElement.styles,
    css`
      :host {
        background: transparent;
      }
      .banner {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space) calc(var(--_space) * 2);
        align-items: center;
        justify-content: space-between;
        padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
        border: 1px solid var(--_danger);
        border-inline-start-width: 6px;
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      h2 {
        color: var(--_danger);
        margin-bottom: calc(var(--_space) / 2);
      }
      p {
        margin: 0;
      }
    `,
  ];

  #load = this.loadTask({
    operation: 'load-account',
    args: () => [] as const,
    load: (api, _args, signal) => api.get<AccountView>('account', {}, signal),
  });

  /** Loads the account again. */
  reload(): void {
    void this.#load.run();
  }

  override render() {
    // A banner says nothing until there is something overdue: no loading line, and a failure only as an event.
    const account = this.#load.value;
    return account === undefined ? nothing : this.#renderBanner(account);
  }

  #since(instant: string | undefined): string {
    return instant === undefined ? '' : this.format.date(instant);
  }

  #renderBanner(account: AccountView) {
    const overdue = account.openInvoices.filter((invoice) => invoice.overdue);
    if (account.overdueSince === null || overdue.length === 0) return nothing;
    const t = this.t;
    const currencies = [...new Set(overdue.map((invoice) => invoice.currency))];
    // One pay button per currency: a payment covers invoices of one currency.
    return html`<section class="banner" part="banner" role="region" aria-labelledby="overdue-title">
      <div>
        <h2 id="overdue-title">${t.overdueTitle}</h2>
        ${currencies.map((currency) => {
          const due = totalRemaining(overdue.filter((invoice) => invoice.currency === currency));
          const amount = due ? this.format.money(due.amount, currency) : '';
          return html`<p>${t.overdueSince(amount, this.format.date(account.overdueSince as string))}</p>`;
        })}
        <p>${t.overdueInvoices(overdue.length)}</p>
        ${
          account.serviceAccess
            ? html`<p part="access">
                <strong>${t.serviceAccess(account.serviceAccess.state, this.#since(account.serviceAccess.since))}</strong>
              </p>`
            : nothing
        }
      </div>
      <div class="row">
        ${currencies.map(
          (currency) => html`<billing-pay-button
            .invoices=${overdue.filter((invoice) => invoice.currency === currency)}
            @billing-pay-finished=${() => this.reload()}
          ></billing-pay-button>`,
        )}
      </div>
    </section>`;
  }
}
