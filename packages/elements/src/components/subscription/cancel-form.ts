import { html, type TemplateResult } from 'lit';
import type { BillingMessages } from '../../i18n/messages-en';

/** The reasons the portal accepts, in the order the form lists them. */
const REASONS = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
] as const;

/** What the cancellation form needs. */
export interface CancelForm {
  /** The end of the current period, formatted. */
  readonly periodEnd: string;
  readonly busy: boolean;
  readonly submit: (input: { atPeriodEnd: boolean; reason: string; comment?: string }) => void;
  readonly close: () => void;
}

function reasonText(t: BillingMessages, reason: (typeof REASONS)[number]): string {
  return {
    too_expensive: t.reasonTooExpensive,
    missing_features: t.reasonMissingFeatures,
    switched_service: t.reasonSwitchedService,
    unused: t.reasonUnused,
    customer_service: t.reasonCustomerService,
    too_complex: t.reasonTooComplex,
    low_quality: t.reasonLowQuality,
    other: t.reasonOther,
  }[reason];
}

/** The cancellation form: when (end of period by default, or now), why, and an optional comment. */
export function renderCancelForm(t: BillingMessages, form: CancelForm): TemplateResult {
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const comment = String(data.get('comment') ?? '').trim();
    form.submit({
      atPeriodEnd: data.get('when') !== 'now',
      reason: String(data.get('reason')),
      ...(comment ? { comment } : {}),
    });
  };
  return html`<form class="stack" @submit=${submit}>
    <fieldset>
      <legend>${t.cancelWhen}</legend>
      <label><input type="radio" name="when" value="period_end" checked /> ${t.cancelAtPeriodEnd(form.periodEnd)}</label>
      <label><input type="radio" name="when" value="now" /> ${t.cancelNow}</label>
    </fieldset>
    <div>
      <label for="cancel-reason">${t.cancelReason}</label>
      <select id="cancel-reason" name="reason" required>
        ${REASONS.map((reason) => html`<option value=${reason}>${reasonText(t, reason)}</option>`)}
      </select>
    </div>
    <div>
      <label for="cancel-comment">${t.cancelComment}</label>
      <textarea id="cancel-comment" name="comment" maxlength="1000" rows="3"></textarea>
    </div>
    <div class="row actions">
      <button type="button" @click=${form.close}>${t.keepSubscription}</button>
      <button type="submit" class="danger" ?disabled=${form.busy}>${t.confirmCancel}</button>
    </div>
  </form>`;
}
