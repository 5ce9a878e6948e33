/**
 * Formatting for people: money via `Intl`. Pure and small, safe for browser bundles.
 * @module
 */
export { formatMoney } from './format-money';
