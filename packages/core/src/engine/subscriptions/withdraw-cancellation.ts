import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { onLockedSubscription, storeUpdate } from './locked-subscription';
import { type WithdrawCancellationInput, WithdrawCancellationInputSchema } from './subscription-input';
import type { SubscriptionResult } from './subscription-result';

/**
 * Withdraws a pending cancellation at the end of the period (`subscriptions.cancel({ atPeriodEnd: true })`): the
 * subscription renews at its boundary as if it had never been cancelled (`cancelAtPeriodEnd` false, no `canceledAt`).
 * Nothing is billed or credited: the current period was paid either way. A paused subscription stays paused. Refused
 * when the cancellation came from dunning (an overdue invoice ends it; paying it is the way back). Under the
 * customer's ledger lock (rule L1); with an `idempotencyKey`, a retried request returns the first result.
 * @throws BillingError `not_found`, `invalid_state` (ended, not cancelled at period end, or cancelled by dunning) or
 * `invalid_input`; nothing is stored.
 * @example
 * ```ts
 * await withdrawCancellation(ctx, { subscriptionId: 'sub_1', idempotencyKey: 'keep-1' });
 * // { subscription: { status: 'active', cancelAtPeriodEnd: false, … }, invoices: [] }
 * ```
 */
export async function withdrawCancellation(
  ctx: EngineContext,
  input: WithdrawCancellationInput,
): Promise<SubscriptionResult> {
  const request = validate(WithdrawCancellationInputSchema, input, 'input');
  return onLockedSubscription(ctx, 'withdrawCancellation', request, async (session, current) => {
    const refuse = (why: string): never => {
      throw new BillingError(BillingErrorCode.invalidState, `Subscription ${current.id} ${why}`, {
        path: ['input', 'subscriptionId'],
      });
    };
    if (!current.cancelAtPeriodEnd) refuse('is not cancelled at the end of its period');
    if (current.dunning?.stage === 'canceled') refuse('was cancelled by dunning: pay the overdue invoice');
    const { canceledAt: _withdrawn, ...kept } = current;
    return { subscription: await storeUpdate(session, ctx, kept, { cancelAtPeriodEnd: false }), invoices: [] };
  });
}
