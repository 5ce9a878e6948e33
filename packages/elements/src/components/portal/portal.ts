import { html, nothing, type PropertyValues } from 'lit';
import { PortalApi } from '../../api/portal-api';
import type { AccountView } from '../../api/portal-views';
import type { BillingContextValue } from '../../base/billing-context';
import { BillingElement } from '../../base/billing-element';
import { renderOverview } from './overview';
import { portalStyles } from './portal.styles';

/** The portal's sections, in the order of its navigation. */
export const PORTAL_SECTIONS = ['overview', 'invoices', 'subscription', 'usage', 'payment-methods', 'profile'] as const;

/** A section of the portal. */
export type PortalSection = (typeof PORTAL_SECTIONS)[number];

const isSection = (value: string | undefined): value is PortalSection =>
  (PORTAL_SECTIONS as readonly string[]).includes(value ?? '');

/**
 * Where the elements of each section come from when the page has not registered them (`@billfold/elements/define`
 * registers all at once): loaded on first use, so the portal's first load carries only the overview.
 */
const SECTION_ELEMENTS: Readonly<Record<string, () => Promise<CustomElementConstructor>>> = {
  'billing-overdue-banner': () => import('../overdue-banner/overdue-banner').then((m) => m.BillingOverdueBanner),
  'billing-pay-button': () => import('../pay-button/pay-button').then((m) => m.BillingPayButton),
  'billing-invoice-list': () => import('../invoice-list/invoice-list').then((m) => m.BillingInvoiceList),
  'billing-invoice': () => import('../invoice/invoice').then((m) => m.BillingInvoice),
  'billing-subscription': () => import('../subscription/subscription').then((m) => m.BillingSubscription),
  'billing-usage': () => import('../usage/usage').then((m) => m.BillingUsage),
  'billing-payment-methods': () => import('../payment-methods/payment-methods').then((m) => m.BillingPaymentMethods),
  'billing-profile': () => import('../profile/profile').then((m) => m.BillingProfile),
};

/** The elements each section shows (and the ones inside them). */
const SECTION_TAGS: Readonly<Record<PortalSection, readonly string[]>> = {
  overview: ['billing-overdue-banner', 'billing-pay-button'],
  invoices: ['billing-invoice-list', 'billing-invoice', 'billing-pay-button'],
  subscription: ['billing-subscription'],
  usage: ['billing-usage'],
  'payment-methods': ['billing-payment-methods'],
  profile: ['billing-profile'],
};

/** Registers a section's elements the page has not registered yet. */
async function defineSection(section: PortalSection): Promise<void> {
  await Promise.all(
    SECTION_TAGS[section]
      .filter((tag) => !customElements.get(tag))
      .map(async (tag) => {
        const element = await (SECTION_ELEMENTS[tag] as () => Promise<CustomElementConstructor>)();
        if (!customElements.get(tag)) customElements.define(tag, element);
      }),
  );
}

/**
 * The whole billing portal for a signed-in customer: overview (what is owed and overdue, credit, the next invoice),
 * invoices (list and detail), subscription, usage, payment methods and profile. Each section is a deep link
 * (`#billing/invoices`, `#billing/invoices/<id>`; the prefix is `route-prefix`, `routing="none"` turns the hash
 * off) and is created, and loads its data, only when opened; a section's code too, when the page registered only
 * the portal (`@billfold/elements/portal`). The elements inside share the portal's settings and
 * its one API client, so a session refresh happens once for all of them.
 *
 * @tagname billing-portal
 * @summary The customer billing portal with deep-linkable sections.
 * @fires {BillingPaidEvent} billing-paid - An invoice was paid anywhere in the portal.
 * @fires {BillingPlanChangedEvent} billing-plan-changed - The plan was changed or the subscription cancelled.
 * @fires {BillingErrorEvent} billing-error - A call to the portal failed.
 * @fires {BillingSessionExpiredEvent} billing-session-expired - The session was refused and could not be refreshed.
 * @slot header - Shown above the navigation (a logo, the host's own heading).
 * @csspart nav - The section navigation.
 * @csspart nav-link - A section link.
 * @csspart section - The open section.
 * @csspart summary - The overview's amount cards.
 * @csspart session-expired - The notice shown when the session ended.
 * @cssprop --billing-color-accent - Links, buttons, the current section.
 * @cssprop --billing-color-text - Body text.
 * @cssprop --billing-color-text-muted - Secondary text.
 * @cssprop --billing-color-surface - Background.
 * @cssprop --billing-color-surface-raised - Cards, table headers.
 * @cssprop --billing-color-border - Lines.
 * @cssprop --billing-color-danger - Errors, overdue.
 * @cssprop --billing-color-warning - Notices.
 * @cssprop --billing-color-success - Paid, saved.
 * @cssprop --billing-color-on-accent - Text on the accent.
 * @cssprop --billing-radius - Corner radius.
 * @cssprop --billing-space - The spacing unit.
 * @cssprop --billing-font-family - Type.
 * @cssprop --billing-font-size - Base size.
 */
export class BillingPortal extends BillingElement {
  /** The shared theme tokens, then the element's own styles. */
  static override styles = [...BillingElement.styles, portalStyles];

  static override properties = {
    ...BillingElement.properties,
    section: { reflect: true },
    invoiceId: { attribute: 'invoice-id' },
    routing: {},
    routePrefix: { attribute: 'route-prefix' },
    magicLink: { attribute: 'magic-link' },
  };

  /** The open section (reflects the URL hash with hash routing). */
  declare section: PortalSection;
  /** The invoice open in the invoices section. */
  declare invoiceId: string | undefined;
  /** `hash` (default): sections are `#<route-prefix>/<section>` links; `none`: the URL is left alone. */
  declare routing: 'hash' | 'none';
  declare routePrefix: string;
  /** A magic-link token from an e-mailed sign-in link: redeemed once for a session. */
  declare magicLink: string | undefined;

  #focusSection = false;
  #onHashChange = () => this.#readHash(true);

  #account = this.loadTask({
    operation: 'load-account',
    args: () => [this.section === 'overview'] as const,
    load: async (api, [open], signal) => (open ? api.get<AccountView>('account', {}, signal) : undefined),
  });

  constructor() {
    super();
    this.section = 'overview';
    this.routing = 'hash';
    this.routePrefix = 'billing';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.routing === 'hash') {
      this.#readHash(false);
      window.addEventListener('hashchange', this.#onHashChange);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
  }

  /** The portal's client is its own (never an outer portal's), once it has a session or a way to get one. */
  protected override get api(): PortalApi | undefined {
    if (this.apiBase === undefined || (!this.session && !this.getSession)) return undefined;
    return this.ownApi(this.apiBase);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('magicLink') && this.magicLink && !this.session) void this.#redeem(this.magicLink);
    if (changed.has('section')) void defineSection(this.section);
  }

  /** The portal's settings, and links to invoices in its own invoices section. */
  protected override contextValue(): BillingContextValue {
    return {
      ...super.contextValue(),
      invoiceHref: this.routing === 'hash' ? `#${this.routePrefix}/invoices/{id}` : undefined,
    };
  }

  protected override updated(): void {
    if (!this.#focusSection) return;
    this.#focusSection = false;
    this.renderRoot.querySelector<HTMLElement>('#section-title')?.focus();
  }

  /** Opens a section (and an invoice in the invoices section), updating the hash with hash routing. */
  open(section: PortalSection, invoiceId?: string): void {
    if (this.routing === 'hash') {
      location.hash = `${this.routePrefix}/${section}${invoiceId ? `/${encodeURIComponent(invoiceId)}` : ''}`;
      return;
    }
    this.section = section;
    this.invoiceId = invoiceId;
    this.#focusSection = true;
  }

  #readHash(focus: boolean): void {
    const [prefix, section, id] = location.hash.replace(/^#/, '').split('/');
    if (prefix !== this.routePrefix || !isSection(section)) return;
    this.section = section;
    this.invoiceId = id ? decodeURIComponent(id) : undefined;
    this.#focusSection = focus;
  }

  async #redeem(token: string): Promise<void> {
    if (this.apiBase === undefined) return;
    try {
      const reply = await new PortalApi({ apiBase: this.apiBase }).post<{ token: string }>('auth/magic-link', {
        token,
      });
      this.session = reply.token;
    } catch (error) {
      this.reportFailure(error, 'sign-in');
      this.onSessionExpired();
    }
  }

  #title(section: PortalSection): string {
    const t = this.t;
    return {
      overview: t.sectionOverview,
      invoices: t.sectionInvoices,
      subscription: t.sectionSubscription,
      usage: t.sectionUsage,
      'payment-methods': t.sectionPaymentMethods,
      profile: t.sectionProfile,
    }[section];
  }

  override render() {
    const t = this.t;
    return html`<slot name="header"></slot>
      <nav part="nav" aria-label=${t.sections}>
        <ul>
          ${PORTAL_SECTIONS.map(
            (section) => html`<li>
              <a part="nav-link" href="#${this.routePrefix}/${section}" aria-current=${this.section === section ? 'page' : 'false'}
                @click=${(event: Event) => this.#navigate(event, section)}>${this.#title(section)}</a>
            </li>`,
          )}
        </ul>
      </nav>
      ${
        this.sessionExpired
          ? html`<div class="notice error" role="alert" part="session-expired"><p>${t.sessionExpired} ${t.signInAgain}</p></div>`
          : nothing
      }
      <section part="section" aria-labelledby="section-title">
        <h1 id="section-title" tabindex="-1" class=${this.section === 'overview' || this.invoiceId ? '' : 'visually-hidden'}>
          ${this.#title(this.section)}
        </h1>
        ${this.api === undefined ? nothing : this.#renderSection()}
      </section>`;
  }

  #navigate(event: Event, section: PortalSection): void {
    if (this.routing === 'hash') return;
    event.preventDefault();
    this.open(section);
  }

  /** Only the open section is rendered: the others are not created and load nothing. */
  #renderSection() {
    switch (this.section) {
      case 'overview':
        return this.renderTask(this.#account, (account) =>
          account === undefined
            ? nothing
            : renderOverview(this.t, this.format, account, `#${this.routePrefix}/invoices`),
        );
      case 'invoices':
        return this.invoiceId
          ? html`<p class="no-print"><a href="#${this.routePrefix}/invoices" @click=${(e: Event) => this.#navigate(e, 'invoices')}>← ${this.t.sectionInvoices}</a></p>
              <billing-invoice invoice-id=${this.invoiceId}></billing-invoice>`
          : html`<billing-invoice-list></billing-invoice-list>`;
      case 'subscription':
        return html`<billing-subscription></billing-subscription>`;
      case 'usage':
        return html`<billing-usage></billing-usage>`;
      case 'payment-methods':
        return html`<billing-payment-methods></billing-payment-methods>`;
      case 'profile':
        return html`<billing-profile></billing-profile>`;
    }
  }
}
