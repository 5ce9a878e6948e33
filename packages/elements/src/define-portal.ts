/**
 * Registers `<billing-portal>` alone: its sections' elements load and register the first time a section opens
 * (`import '@billfold/elements/portal'`). For every element at once, import `@billfold/elements/define`.
 * @module
 */
import { BillingPortal } from './components/portal/portal';

if (!customElements.get('billing-portal')) customElements.define('billing-portal', BillingPortal);

declare global {
  interface HTMLElementTagNameMap {
    'billing-portal': BillingPortal;
  }
}
