import { html, nothing, type TemplateResult } from 'lit';
import type { AccountView, MoneyLineView } from '../../api/portal-views';
import type { BillingFormat } from '../../format/billing-format';
import type { BillingMessages } from '../../i18n/messages-en';

const owed = (lines: readonly MoneyLineView[]) => lines.filter((line) => line.amount.replace(/[-0.]/g, '') !== '');

/** The portal's overview: the overdue banner, what is owed and held, and the next invoice of each subscription. */
export function renderOverview(
  t: BillingMessages,
  format: BillingFormat,
  account: AccountView,
  invoicesHref: string,
): TemplateResult {
  const due = owed(account.amountDue);
  const credit = owed(account.balances);
  const upcoming = account.upcomingInvoices.filter((entry) => entry.invoice !== null);
  return html`<billing-overdue-banner></billing-overdue-banner>
    <div class="cards" part="summary">
      <div class="card">
        <h2>${t.amountDue}</h2>
        ${
          due.length === 0
            ? html`<p>${t.nothingDue}</p>`
            : due.map((line) => html`<p class="figure">${format.money(line.amount, line.currency)}</p>`)
        }
        <p><a href=${invoicesHref}>${t.viewAllInvoices}</a></p>
      </div>
      ${
        credit.length === 0
          ? nothing
          : html`<div class="card">
            <h2>${t.balance}</h2>
            ${credit.map((line) => html`<p class="figure">${format.money(line.amount, line.currency)}</p>`)}
          </div>`
      }
      <div class="card">
        <h2>${t.nextInvoice}</h2>
        ${
          upcoming.length === 0
            ? html`<p>${t.noUpcomingInvoice}</p>`
            : upcoming.map(({ invoice }) =>
                invoice === null
                  ? nothing
                  : html`<p class="figure">${format.money(invoice.total, invoice.currency)}</p>
                    ${
                      (invoice.issuedAt ?? invoice.periodStart)
                        ? html`<p class="muted">${t.nextInvoiceOn(format.date((invoice.issuedAt ?? invoice.periodStart) as string))}</p>`
                        : nothing
                    }`,
              )
        }
      </div>
    </div>`;
}
