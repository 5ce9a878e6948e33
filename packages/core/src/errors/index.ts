/**
 * Errors: the one {@link BillingError} class, its stable codes and a cross-realm guard.
 * @module
 */
export { BillingError, BillingErrorCode, isBillingError } from './billing-error';
export type { BillingErrorOptions, BillingIssue, DeliveryFailure, GatewayFailure } from './billing-error';
export type { ValidateOptions } from './validate';
export { validate } from './validate';
