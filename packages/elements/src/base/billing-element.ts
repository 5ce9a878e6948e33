import { ContextConsumer, ContextProvider } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { isBillingApiError } from '../api/billing-api-error';
import { PortalApi } from '../api/portal-api';
import type { GetSession } from '../api/session-source';
import { BillingErrorEvent } from '../events/billing-error';
import { BillingSessionExpiredEvent } from '../events/billing-session-expired';
import { BillingFormat, type CurrencyDisplay } from '../format/billing-format';
import { billingMessages } from '../i18n/localize';
import type { BillingMessages } from '../i18n/messages-en';
import type { BillingPaymentOptions } from '../payments/payment-options';
import { themeStyles } from '../styles/theme';
import { billingContext, type BillingContextValue, type BillingTheme } from './billing-context';
import { errorText } from './error-text';

/** What an element says after an action: a confirmation or why it failed. */
export interface ActionMessage {
  readonly text: string;
  readonly tone: 'error' | 'success';
}

/** What {@link BillingElement.loadTask} loads: data from the portal for the element's current arguments. */
export interface LoadSpec<A extends readonly unknown[], T> {
  /** What the load is called in `billing-error` events (`load-invoices`). */
  readonly operation: string;
  /** The arguments it depends on; the task runs again when one changes (the API client is added first). */
  readonly args: () => A;
  readonly load: (api: PortalApi, args: A, signal: AbortSignal) => Promise<T>;
}

/**
 * What every billing element shares: where the portal API is and whose session it uses (`api-base` with `session`
 * or `getSession`), `locale`, `time-zone`, `currency-display`, `theme` and `paymentOptions`. Inside
 * `<billing-portal>` an element takes whatever it does not set itself from the portal (through `@lit/context`), so
 * the portal's one API client and session refresh serve every section. Not registered as a tag: a base class.
 */
export class BillingElement extends LitElement {
  /** The theme tokens every element starts from: a subclass spreads them before its own styles. */
  static override styles = [themeStyles];

  static override properties = {
    apiBase: { attribute: 'api-base' },
    session: {},
    getSession: { attribute: false },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    currencyDisplay: { attribute: 'currency-display' },
    theme: { reflect: true },
    paymentOptions: { attribute: 'payment-options', type: Object },
    sessionExpired: { state: true },
    inherited: { state: true },
    busy: { state: true },
    message: { state: true },
  };

  /** Where `@billfold/server` is mounted (`https://shop.example/billing`, or `/billing` on the same origin). */
  declare apiBase: string | undefined;
  /** The portal session token the host's backend minted for the signed-in customer. */
  declare session: string | undefined;
  /** Called for a session token when there is none and when the portal refuses the current one. */
  declare getSession: GetSession | undefined;
  /** BCP 47 locale of texts, money and dates (default: the portal's, then the page's `lang`, then the browser's). */
  declare locale: string | undefined;
  /** IANA time zone dates are shown in: the customer's (default: the browser's). */
  declare timeZone: string | undefined;
  declare currencyDisplay: CurrencyDisplay | undefined;
  /** `light`, `dark` or `auto` (the page's `prefers-color-scheme`). */
  declare theme: BillingTheme | undefined;
  declare paymentOptions: BillingPaymentOptions | undefined;
  declare protected sessionExpired: boolean;
  declare protected inherited: BillingContextValue | undefined;
  /** An action ({@link BillingElement.runAction}) is under way. */
  declare protected busy: boolean;
  /** What the last action said. */
  declare protected message: ActionMessage | undefined;

  #provider = new ContextProvider(this, { context: billingContext });
  #ownApi: { key: string; api: PortalApi } | undefined;
  #format: BillingFormat | undefined;
  /** The theme last taken from the portal (a `theme` the host sets differs from it and wins). */
  #inheritedTheme: BillingTheme | undefined;

  constructor() {
    super();
    this.sessionExpired = false;
    this.busy = false;
    new ContextConsumer(this, {
      context: billingContext,
      subscribe: true,
      callback: (value) => {
        this.inherited = value;
      },
    });
  }

  /** The API client: the element's own when it has `api-base`, else the one of the billing element around it. */
  protected get api(): PortalApi | undefined {
    return this.apiBase === undefined ? this.inherited?.api : this.ownApi(this.apiBase);
  }

  /** The element's own client for `apiBase` and its session, made again when either changes. */
  protected ownApi(apiBase: string): PortalApi {
    const key = `${apiBase}\n${this.session ?? ''}`;
    if (this.#ownApi?.key !== key || this.#ownApi.api.options.getSession !== this.getSession) {
      this.#ownApi = {
        key,
        api: new PortalApi({
          apiBase,
          ...(this.session ? { session: this.session } : {}),
          ...(this.getSession ? { getSession: this.getSession } : {}),
          onSessionExpired: () => this.onSessionExpired(),
        }),
      };
    }
    return this.#ownApi.api;
  }

  /** The locale in use. */
  protected get resolvedLocale(): string {
    return this.locale || this.inherited?.locale || document.documentElement.lang || navigator.language || 'en';
  }

  /** The texts in the locale in use. */
  protected get t(): BillingMessages {
    return billingMessages(this.resolvedLocale);
  }

  /** Money, numbers and dates in the locale and time zone in use. */
  protected get format(): BillingFormat {
    const locale = this.resolvedLocale;
    const timeZone = this.timeZone ?? this.inherited?.timeZone;
    const display = this.currencyDisplay ?? this.inherited?.currencyDisplay ?? 'symbol';
    const current = this.#format;
    if (current?.locale !== locale || current.timeZone !== timeZone || current.currencyDisplay !== display) {
      this.#format = new BillingFormat(locale, timeZone, display);
    }
    return this.#format as BillingFormat;
  }

  /** The payment options in use. */
  protected get payments(): BillingPaymentOptions {
    return this.paymentOptions ?? this.inherited?.paymentOptions ?? {};
  }

  /** What this element hands on to the billing elements inside it. */
  protected contextValue(): BillingContextValue {
    return {
      api: this.api,
      locale: this.resolvedLocale,
      timeZone: this.timeZone ?? this.inherited?.timeZone,
      currencyDisplay: this.currencyDisplay ?? this.inherited?.currencyDisplay,
      theme: this.theme ?? this.inherited?.theme ?? 'auto',
      paymentOptions: this.paymentOptions ?? this.inherited?.paymentOptions,
      invoiceHref: this.inherited?.invoiceHref,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') || changed.has('getSession')) this.sessionExpired = false;
    const value = this.contextValue();
    const current = this.#provider.value;
    if (
      current === undefined ||
      Object.entries(value).some(([k, v]) => current[k as keyof BillingContextValue] !== v)
    ) {
      this.#provider.setValue(value);
    }
    const ownTheme = this.theme !== this.#inheritedTheme ? this.theme : undefined;
    const portalTheme = this.inherited?.theme;
    if (ownTheme === undefined && portalTheme !== undefined && portalTheme !== this.theme) {
      this.#inheritedTheme = portalTheme;
      this.theme = portalTheme;
    }
  }

  /** The element's own session was refused for good: tell the host once. */
  protected onSessionExpired(): void {
    if (this.sessionExpired) return;
    this.sessionExpired = true;
    this.dispatchEvent(new BillingSessionExpiredEvent());
  }

  /** Tells the host about a failed call (`billing-error`); a refused session is reported as expiry instead. */
  protected reportFailure(error: unknown, operation: string): void {
    if (!isBillingApiError(error) || error.status === 401) return;
    this.dispatchEvent(new BillingErrorEvent(error, operation));
  }

  /**
   * A `@lit/task` reactive controller that loads from the portal: it waits for an API client, runs again (aborting
   * the stale load) when the API or an argument changes, and reports failures (`billing-error`, session expiry).
   */
  protected loadTask<A extends readonly unknown[], T>(spec: LoadSpec<A, T>): Task<readonly unknown[], T> {
    return new Task<readonly unknown[], T>(this, {
      args: () => [this.api, ...spec.args()],
      task: async ([api, ...args], { signal }) => {
        if (api === undefined) return initialState;
        try {
          return await spec.load(api as PortalApi, args as unknown as A, signal);
        } catch (error) {
          if (!signal.aborted) this.reportFailure(error, spec.operation);
          throw error;
        }
      },
    });
  }

  /** Renders a load task: a status line while pending, the error with a retry button, or the loaded view. */
  protected renderTask<T>(task: Task<readonly unknown[], T>, complete: (value: T) => unknown): unknown {
    if (task.status === TaskStatus.COMPLETE) return complete(task.value as T);
    if (task.status === TaskStatus.ERROR) return this.renderFailure(task.error, () => task.run());
    return html`<p class="muted" role="status" part="loading">${this.t.loading}</p>`;
  }

  /** A failure with a way to try again (or the session notice when the session ended). */
  protected renderFailure(error: unknown, retry: () => unknown): TemplateResult {
    if (this.sessionExpired || (isBillingApiError(error) && error.status === 401)) {
      return html`<div class="notice error" role="alert" part="error">
        <p>${this.t.sessionExpired} ${this.t.signInAgain}</p>
      </div>`;
    }
    return html`<div class="notice error" role="alert" part="error">
      <p>${errorText(this.t, error)}</p>
      <button type="button" @click=${retry}>${this.t.retry}</button>
    </div>`;
  }

  /**
   * Runs one change at a time (`busy`), clearing the last message; a failure is reported (`billing-error`) and said
   * in `message`, by problem code unless `failureText` knows better.
   */
  protected async runAction(
    operation: string,
    work: (api: PortalApi) => Promise<void>,
    failureText: (error: unknown) => string = (error) => errorText(this.t, error),
  ): Promise<void> {
    const api = this.api;
    if (api === undefined || this.busy) return;
    this.busy = true;
    this.message = undefined;
    try {
      await work(api);
    } catch (error) {
      this.reportFailure(error, operation);
      this.message = { tone: 'error', text: failureText(error) };
    } finally {
      this.busy = false;
    }
  }
}
