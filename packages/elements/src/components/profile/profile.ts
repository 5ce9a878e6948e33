import { css, html, nothing } from 'lit';
import { isBillingApiError } from '../../api/billing-api-error';
import type { ProfileView } from '../../api/portal-views';
import { BillingElement } from '../../base/billing-element';
import { errorText } from '../../base/error-text';

/** The fields of the form, by the path the portal names in a problem (`body.address.city` → `address.city`). */
const FIELDS = [
  ['name', 'name', 'text', 'name'],
  ['email', 'email', 'email', 'email'],
  ['phone', 'phone', 'tel', 'tel'],
  ['address.line1', 'addressLine1', 'text', 'address-line1'],
  ['address.line2', 'addressLine2', 'text', 'address-line2'],
  ['address.postalCode', 'postalCode', 'text', 'postal-code'],
  ['address.city', 'city', 'text', 'address-level2'],
  ['address.region', 'region', 'text', 'address-level1'],
  ['address.country', 'country', 'text', 'country'],
  ['locale', 'language', 'text', 'off'],
] as const;

type FieldPath = (typeof FIELDS)[number][0];

function fieldValue(profile: ProfileView, path: FieldPath): string {
  if (path.startsWith('address.')) {
    const key = path.slice('address.'.length) as keyof NonNullable<ProfileView['address']>;
    return profile.address?.[key] ?? '';
  }
  return (profile[path as 'name' | 'email' | 'phone' | 'locale'] as string | undefined) ?? '';
}

/** The changes a submitted form makes (only fields that differ; an emptied phone or address is removed). */
function changesOf(profile: ProfileView, data: FormData): Record<string, unknown> {
  const field = (path: FieldPath) => String(data.get(path) ?? '').trim();
  const changes: Record<string, unknown> = {};
  for (const path of ['name', 'email', 'locale'] as const)
    if (field(path) !== profile[path]) changes[path] = field(path);
  if (field('phone') !== (profile.phone ?? '')) changes.phone = field('phone') || null;
  const address = {
    line1: field('address.line1'),
    line2: field('address.line2') || undefined,
    postalCode: field('address.postalCode') || undefined,
    city: field('address.city'),
    region: field('address.region') || undefined,
    country: field('address.country').toUpperCase(),
  };
  const before = JSON.stringify(profile.address ?? null);
  const empty = !address.line1 && !address.city && !address.country;
  const after = empty ? null : JSON.parse(JSON.stringify(address));
  if (JSON.stringify(after) !== before) changes.address = after;
  return changes;
}

/**
 * The customer's contact data and billing address, and the language of their invoices: a form that saves the
 * changed fields and marks the ones the portal refuses (`aria-invalid`, the message next to the field).
 *
 * @tagname billing-profile
 * @summary Contact data, billing address and language.
 * @fires {BillingErrorEvent} billing-error - Loading or saving failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @csspart form - The form.
 * @csspart message - A success or failure message.
 * @cssprop --billing-color-danger - Refused fields.
 */
export class BillingProfile extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [
    ...BillingElement.styles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
      }
      input {
        width: 100%;
      }
      .field-error {
        color: var(--_danger);
        font-size: 0.875em;
      }
      .submit {
        grid-column: 1 / -1;
      }
    `,
  ];

  static override properties = {
    ...BillingElement.properties,
    invalid: { state: true },
  };

  declare protected invalid: ReadonlyMap<string, string>;
  declare protected busy: boolean;
  declare protected message: { readonly text: string; readonly tone: 'error' | 'success' } | undefined;

  #load = this.loadTask({
    operation: 'load-profile',
    args: () => [] as const,
    load: (api, _args, signal) => api.get<ProfileView>('profile', {}, signal),
  });

  constructor() {
    super();
    this.invalid = new Map();
  }

  override render() {
    return html`<h2>${this.t.profile}</h2>
      ${this.message ? html`<div class="notice ${this.message.tone}" role=${this.message.tone === 'error' ? 'alert' : 'status'} part="message">${this.message.text}</div>` : nothing}
      ${this.renderTask(this.#load, (profile) => this.#renderForm(profile))}`;
  }

  #renderForm(profile: ProfileView) {
    const t = this.t;
    return html`<form part="form" novalidate @submit=${(event: Event) => this.#save(event, profile)}>
      ${FIELDS.map(([path, label, type, autocomplete]) => {
        const problem = this.invalid.get(path);
        const id = `field-${path.replace('.', '-')}`;
        return html`<div>
          <label for=${id}>${t[label]}</label>
          <input id=${id} name=${path} type=${type} autocomplete=${autocomplete} .value=${fieldValue(profile, path)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? `${id}-error` : nothing} />
          ${problem ? html`<div class="field-error" id="${id}-error">${problem}</div>` : nothing}
        </div>`;
      })}
      <div class="submit"><button type="submit" class="primary" ?disabled=${this.busy}>${t.saveProfile}</button></div>
    </form>`;
  }

  async #save(event: Event, profile: ProfileView): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const form = event.target as HTMLFormElement;
    const changes = changesOf(profile, new FormData(form));
    if (api === undefined || Object.keys(changes).length === 0) return;
    this.busy = true;
    this.message = undefined;
    this.invalid = new Map();
    try {
      await api.patch<ProfileView>('profile', changes);
      await this.#load.run();
      this.message = { tone: 'success', text: this.t.profileSaved };
    } catch (error) {
      this.reportFailure(error, 'update-profile');
      this.message = { tone: 'error', text: errorText(this.t, error) };
      if (isBillingApiError(error)) {
        const issues = error.problem?.issues ?? [];
        this.invalid = new Map(
          issues.map((issue) => [issue.path.filter((p) => p !== 'body').join('.'), issue.message]),
        );
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      }
    } finally {
      this.busy = false;
    }
  }
}
