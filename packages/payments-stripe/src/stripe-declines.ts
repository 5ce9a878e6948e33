import type { Decline } from '@billfold/core/payments';

/**
 * Decline codes after which the same card must not be charged again automatically (docs.stripe.com/declines/codes):
 * the card is reported lost or stolen, blocked, closed or wrong, or the customer revoked the authorization.
 */
const HARD_DECLINES = new Set([
  'card_not_supported',
  'currency_not_supported',
  'do_not_try_again',
  'expired_card',
  'fraudulent',
  'incorrect_cvc',
  'incorrect_number',
  'invalid_account',
  'invalid_cvc',
  'invalid_expiry_month',
  'invalid_expiry_year',
  'invalid_number',
  'lost_card',
  'merchant_blacklist',
  'new_account_information_available',
  'pickup_card',
  'restricted_card',
  'revocation_of_all_authorizations',
  'revocation_of_authorization',
  'security_violation',
  'stolen_card',
  'stop_payment_order',
  'transaction_not_allowed',
]);

/** What Stripe said about a failed charge (a `last_payment_error` or a card error). */
export interface StripeFailure {
  readonly code?: string | null;
  readonly decline_code?: string | null;
  readonly advice_code?: string | null;
  readonly message?: string | null;
}

/**
 * A Stripe decline in Billfold's terms. Stripe's `advice_code` decides when present (`do_not_try_again`,
 * `confirm_card_data` → hard; `try_again_later` → soft); otherwise the decline code.
 */
export function stripeDecline(failure: StripeFailure): Decline {
  const code = failure.decline_code ?? failure.code ?? 'card_declined';
  const advice = failure.advice_code;
  const hard =
    advice === 'do_not_try_again' || advice === 'confirm_card_data'
      ? true
      : advice === 'try_again_later'
        ? false
        : HARD_DECLINES.has(code);
  return { code, message: failure.message ?? 'The card was declined', kind: hard ? 'hard' : 'soft' };
}
