/**
 * `billing-session-expired`: the portal refused the session token and no `getSession` refresh could replace it.
 * The host signs the customer in again and sets a new `session` (the elements then load again). Bubbles and
 * crosses shadow roots.
 * @example
 * ```ts
 * portal.addEventListener('billing-session-expired', async () => {
 *   portal.session = await (await fetch('/my-app/billing-session')).text();
 * });
 * ```
 */
export class BillingSessionExpiredEvent extends Event {
  static readonly eventName = 'billing-session-expired';

  constructor() {
    super(BillingSessionExpiredEvent.eventName, { bubbles: true, composed: true });
  }
}
