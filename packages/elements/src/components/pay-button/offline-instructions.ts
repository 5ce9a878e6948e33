import { html, nothing, type TemplateResult } from 'lit';
import type { BillingMessages } from '../../i18n/messages-en';
import type { BillingPaymentOptions } from '../../payments/payment-options';

/** What the instructions show: the amount (formatted) and the reference to quote. */
export interface OfflinePayment {
  readonly amount: string;
  readonly reference: string;
  readonly onCopy: (text: string) => void;
  readonly copied: boolean;
}

const field = (label: string, value: string | undefined) =>
  value === undefined ? nothing : html`<dt>${label}</dt><dd class="text" dir="ltr">${value}</dd>`;

/** Bank-transfer or cheque instructions with the reference to quote and a copy button. */
export function renderOfflineInstructions(
  t: BillingMessages,
  method: 'bank_transfer' | 'cheque',
  options: BillingPaymentOptions,
  payment: OfflinePayment,
): TemplateResult {
  const bank = options.bankTransfer;
  const cheque = options.cheque;
  return html`<div part="instructions" class="stack">
    ${
      method === 'bank_transfer' && bank
        ? html`<p>${t.bankTransferIntro(payment.amount)}</p>
          <dl>
            ${field(t.accountHolder, bank.accountHolder)} ${field(t.iban, bank.iban)} ${field(t.bic, bank.bic)}
            ${field(t.bankName, bank.bankName)}
          </dl>`
        : nothing
    }
    ${
      method === 'cheque' && cheque
        ? html`<p>${t.chequeIntro(payment.amount)}</p>
          <dl>${field(t.payableTo, cheque.payableTo)} ${field(t.mailTo, cheque.address)}</dl>`
        : nothing
    }
    <div class="reference">
      <span id="reference-label">${t.referenceToQuote}</span>
      <strong class="text" aria-labelledby="reference-label" dir="ltr" part="reference">${payment.reference}</strong>
      <button type="button" @click=${() => payment.onCopy(payment.reference)}>
        ${payment.copied ? t.copied : t.copy}
      </button>
    </div>
    <p class="muted">${t.offlineNote}</p>
  </div>`;
}
