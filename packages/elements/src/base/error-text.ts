import { type BillingApiError, isBillingApiError } from '../api/billing-api-error';
import type { BillingMessages } from '../i18n/messages-en';

/** The customer-facing text for a failed call, by problem code (never the server's detail). */
export function errorText(t: BillingMessages, error: unknown): string {
  if (!isBillingApiError(error)) return t.errorGeneric;
  switch ((error as BillingApiError).code) {
    case 'network':
      return t.errorNetwork;
    case 'timeout':
      return t.errorTimeout;
    case 'unauthorized':
      return t.errorUnauthorized;
    case 'forbidden':
      return t.errorForbidden;
    case 'not_found':
      return t.errorNotFound;
    case 'not_implemented':
      return t.errorNotImplemented;
    case 'invalid_input':
      return t.errorInvalidInput;
    case 'invalid_state':
    case 'conflict':
      return t.errorInvalidState;
    case 'rate_limited':
      return t.errorRateLimited;
    case 'unavailable':
      return t.errorUnavailable;
    default:
      return t.errorGeneric;
  }
}
