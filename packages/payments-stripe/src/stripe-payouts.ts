import { validate } from '@billfold/core';
import { ListPayoutsRequestSchema, type PaymentGateway, ProviderIdSchema } from '@billfold/core/payments';
import type { PayoutStatement } from '@billfold/core/reconciliation';
import type Stripe from 'stripe';
import { fromStripeAmount } from './stripe-currencies';

/** Runs one Stripe call, mapping its failures (`write`: whether it changes anything at Stripe). */
type StripeCall = <T>(write: boolean, run: () => Promise<T>) => Promise<T>;

/** A `YYYY-MM-DD` date as Unix seconds at its UTC midnight, and back. */
const unix = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

const idOf = (source: Stripe.BalanceTransaction['source']) =>
  source === null ? undefined : typeof source === 'string' ? source : source.id;

/**
 * The payouts of a Stripe account as Billfold's payout statements: each payout with the balance transactions it paid
 * out (`GET /v1/balance_transactions?payout=…`). Charges and payments name their charge; refunds the charge they
 * give back (read from the refund); disputes and their reversals the disputed charge; Stripe's fees billed on their
 * own are fees; the payout's own transaction is left out; anything else is an adjustment.
 * @internal
 */
export function stripePayouts(
  stripe: Stripe,
  call: StripeCall,
): Required<Pick<PaymentGateway, 'listPayouts' | 'payoutDetails'>> {
  const chargeOf = async (transaction: Stripe.BalanceTransaction): Promise<string | undefined> => {
    const source = idOf(transaction.source);
    if (source === undefined) return undefined;
    if (transaction.type === 'refund' || transaction.type === 'payment_refund') {
      const refund = await call(false, () => stripe.refunds.retrieve(source));
      return typeof refund.charge === 'string' ? refund.charge : (refund.charge?.id ?? undefined);
    }
    if (transaction.reporting_category === 'dispute' || transaction.reporting_category === 'dispute_reversal') {
      const dispute = await call(false, () => stripe.disputes.retrieve(source));
      return typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;
    }
    return source;
  };
  const statementOf = async (payout: Stripe.Payout): Promise<PayoutStatement> => {
    // A payout may pay out more than the 10,000 items autoPagingToArray allows: read page by page.
    const listed = await call(false, async () => {
      const all: Stripe.BalanceTransaction[] = [];
      for await (const transaction of stripe.balanceTransactions.list({ payout: payout.id, limit: 100 })) {
        all.push(transaction);
      }
      return all;
    });
    const transactions: PayoutStatement['transactions'][number][] = [];
    for (const transaction of listed) {
      if (transaction.type === 'payout' && idOf(transaction.source) === payout.id) continue;
      const amount = fromStripeAmount(transaction.amount, transaction.currency).amount;
      const fee = fromStripeAmount(transaction.fee, transaction.currency).amount;
      const type =
        transaction.type === 'charge' || transaction.type === 'payment'
          ? 'charge'
          : transaction.type === 'refund' || transaction.type === 'payment_refund'
            ? 'refund'
            : transaction.reporting_category === 'dispute'
              ? 'dispute'
              : transaction.reporting_category === 'dispute_reversal'
                ? 'dispute_reversal'
                : transaction.type === 'stripe_fee'
                  ? 'fee'
                  : 'adjustment';
      const providerPaymentId = type === 'fee' || type === 'adjustment' ? undefined : await chargeOf(transaction);
      transactions.push({
        id: transaction.id,
        type,
        ...(providerPaymentId !== undefined ? { providerPaymentId } : {}),
        amount,
        fee,
      });
    }
    const { amount, currency } = fromStripeAmount(payout.amount, payout.currency);
    return {
      provider: 'stripe',
      id: payout.id,
      currency,
      amount,
      arrivalDate: isoDate(payout.arrival_date),
      ...(payout.statement_descriptor ? { statementDescriptor: payout.statement_descriptor } : {}),
      transactions,
    };
  };
  return {
    async listPayouts(input) {
      const range = validate(ListPayoutsRequestSchema, input, 'request');
      const payouts = await call(false, () =>
        stripe.payouts
          .list({ arrival_date: { gte: unix(range.arrivalFrom), lt: unix(range.arrivalTo) }, limit: 100 })
          .autoPagingToArray({ limit: 10_000 }),
      );
      const statements: PayoutStatement[] = [];
      for (const payout of payouts.filter((p) => p.status === 'paid')) statements.push(await statementOf(payout));
      return statements;
    },
    async payoutDetails(payoutId) {
      const id = validate(ProviderIdSchema, payoutId, 'payoutId');
      return statementOf(await call(false, () => stripe.payouts.retrieve(id)));
    },
  };
}
