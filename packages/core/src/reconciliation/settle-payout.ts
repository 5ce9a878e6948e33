import { z } from 'zod';
import type { Payout, PayoutMismatch, PayoutTransaction } from '../domain/payout';
import { PayoutTransactionTypeSchema } from '../domain/payout';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { type Money, money } from '../money/money';
import { CurrencySchema, DecimalStringSchema } from '../money/schemas';
import type { DeeplyReadonly } from '../pricing/price-schema';

/** One balance transaction as the gateway reports it in a payout. */
export const PayoutStatementTransactionSchema = z
  .strictObject({
    id: z.string().min(1).max(255),
    type: PayoutTransactionTypeSchema,
    /** The provider's payment (charge or payment intent) a charge, refund or dispute concerns. */
    providerPaymentId: z.string().min(1).max(255).optional(),
    /** Gross, signed: a charge positive, a refund or dispute negative. */
    amount: DecimalStringSchema,
    /** The provider's fee on it. */
    fee: DecimalStringSchema.default('0'),
  })
  .superRefine((tx, issues) => {
    const sign = /^-?[0.]*$/.test(tx.amount.trim()) ? 0 : tx.amount.trim().startsWith('-') ? -1 : 1;
    if (tx.type === 'charge' && sign < 0) {
      issues.addIssue({ code: 'custom', path: ['amount'], message: 'a charge brings money in: positive' });
    }
    if ((tx.type === 'refund' || tx.type === 'dispute') && sign > 0) {
      issues.addIssue({ code: 'custom', path: ['amount'], message: `a ${tx.type} takes money back: negative` });
    }
    const needsPayment = tx.type !== 'fee' && tx.type !== 'adjustment';
    if (needsPayment && tx.providerPaymentId === undefined) {
      issues.addIssue({ code: 'custom', path: ['providerPaymentId'], message: `a ${tx.type} names its payment` });
    }
  });

/**
 * A gateway payout as the gateway reports it (Stripe: a payout with its balance transactions; PayPal: a settlement):
 * what `billing.reconciliation.importPayout` takes.
 */
export const PayoutStatementSchema = z.strictObject({
  /** The gateway (`stripe`, `paypal`): part of the key. */
  provider: z.string().min(1).max(40),
  /** The provider's payout id. */
  id: z.string().min(1).max(255),
  currency: CurrencySchema,
  /** What reaches the bank. */
  amount: DecimalStringSchema,
  /** When the provider expects it in the bank (`YYYY-MM-DD`). */
  arrivalDate: z.iso.date(),
  statementDescriptor: z.string().max(200).optional(),
  transactions: z.array(PayoutStatementTransactionSchema).max(100_000),
});

/** A payout as the gateway reports it; see {@link PayoutStatementSchema}. */
export type PayoutStatement = DeeplyReadonly<z.input<typeof PayoutStatementSchema>>;

/** What the ledger holds of a gateway payment, looked up by the provider's id. */
export interface LedgerPaymentFacts {
  readonly paymentId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly amount: string;
  /** Σ the ledger's refunds of it. */
  readonly amountRefunded: string;
}

/** A payout settled against the ledger: the stored form without its id, time and version. */
export type SettledPayout = Omit<Payout, 'id' | 'importedAt' | 'version' | 'bankCreditId' | 'depositedAt'>;

/** `payout:<provider>:<payout id>`: a stored payout's key. */
export const payoutKey = (provider: string, payoutId: string) => `payout:${provider}:${payoutId}`;

/**
 * Settles a gateway payout against the ledger (pure): each balance transaction is tied to the ledger payment of its
 * provider payment id, the charges, refunds, disputes, adjustments and fees are summed exactly, and what disagrees
 * is listed for a person (`mismatches`, status `review`): a payment the ledger lacks, a charge of another amount, a
 * refund the ledger did not record, transactions that do not add up to the payout's amount. Fees are the payout's
 * expense: nothing here changes a customer's balance.
 * @throws BillingError `invalid_input` for a malformed statement (a charge with a negative amount, a transaction
 * listed twice, …), with the path of the field.
 * @example
 * ```ts
 * settlePayout({ provider: 'stripe', id: 'po_1', currency: 'EUR', amount: '97.10', arrivalDate: '2026-03-04',
 *   transactions: [{ id: 'txn_1', type: 'charge', providerPaymentId: 'ch_1', amount: '100.00', fee: '2.90' }] },
 *   ledger); // { charges: '100.00', fees: '2.90', net: '97.10', status: 'in_transit', mismatches: [] , … }
 * ```
 */
export function settlePayout(input: PayoutStatement, ledger: ReadonlyMap<string, LedgerPaymentFacts>): SettledPayout {
  const statement = validate(PayoutStatementSchema, input, 'payout');
  const { currency } = statement;
  const seen = new Set<string>();
  statement.transactions.forEach((tx, i) => {
    if (seen.has(tx.id)) {
      throw new BillingError(BillingErrorCode.invalidInput, `Payout ${statement.id} lists transaction ${tx.id} twice`, {
        path: ['payout', 'transactions', i, 'id'],
      });
    }
    seen.add(tx.id);
  });
  const m = (amount: string) => money(amount, currency);
  const zero = m('0');
  const sums = { charge: zero, refund: zero, dispute: zero, adjustment: zero, fee: zero };
  const mismatches: PayoutMismatch[] = [];
  const refundedHere = new Map<string, Money>();
  const transactions = statement.transactions.map((tx): PayoutTransaction => {
    const amount = m(tx.amount);
    const fee = m(tx.fee);
    sums.fee = sums.fee.add(fee);
    if (tx.type === 'charge') sums.charge = sums.charge.add(amount);
    else if (tx.type === 'refund') sums.refund = sums.refund.subtract(amount);
    else if (tx.type === 'dispute' || tx.type === 'dispute_reversal') sums.dispute = sums.dispute.subtract(amount);
    else if (tx.type === 'fee') sums.fee = sums.fee.subtract(amount);
    else sums.adjustment = sums.adjustment.add(amount);
    const base = {
      id: tx.id,
      type: tx.type,
      ...(tx.providerPaymentId !== undefined ? { providerPaymentId: tx.providerPaymentId } : {}),
      amount: amount.toString(),
      fee: fee.toString(),
    };
    if (tx.providerPaymentId === undefined) return base;
    const payment = ledger.get(tx.providerPaymentId);
    if (payment === undefined) {
      mismatches.push({
        reason: 'payment_not_in_ledger',
        transactionId: tx.id,
        detail: `${tx.type} ${amount.toString()} ${currency} of ${tx.providerPaymentId}: no ledger payment`,
      });
      return base;
    }
    const owned = { ...base, paymentId: payment.paymentId, customerId: payment.customerId };
    if (
      tx.type === 'charge' &&
      (payment.currency !== currency || money(payment.amount, currency).compare(amount) !== 0)
    ) {
      mismatches.push({
        reason: 'amount_difference',
        transactionId: tx.id,
        detail: `charge ${amount.toString()} ${currency}, ledger payment ${payment.paymentId} ${payment.amount} ${payment.currency}`,
      });
    }
    if (tx.type === 'refund' && payment.currency === currency) {
      const refunded = (refundedHere.get(payment.paymentId) ?? zero).subtract(amount);
      refundedHere.set(payment.paymentId, refunded);
      if (refunded.compare(money(payment.amountRefunded, currency)) > 0) {
        mismatches.push({
          reason: 'refund_not_in_ledger',
          transactionId: tx.id,
          detail: `refunds of ${tx.providerPaymentId} here ${refunded.toString()} ${currency}, in the ledger ${payment.amountRefunded}`,
        });
      }
    }
    return owned;
  });
  const net = sums.charge.subtract(sums.refund).subtract(sums.dispute).add(sums.adjustment).subtract(sums.fee);
  if (net.compare(m(statement.amount)) !== 0) {
    mismatches.push({
      reason: 'net_difference',
      detail: `transactions add up to ${net.toString()} ${currency}, the payout is ${m(statement.amount).toString()}`,
    });
  }
  return {
    key: payoutKey(statement.provider, statement.id),
    provider: statement.provider,
    providerPayoutId: statement.id,
    currency,
    arrivalDate: statement.arrivalDate,
    ...(statement.statementDescriptor !== undefined ? { statementDescriptor: statement.statementDescriptor } : {}),
    charges: sums.charge.toString(),
    refunds: sums.refund.toString(),
    disputes: sums.dispute.toString(),
    adjustments: sums.adjustment.toString(),
    fees: sums.fee.toString(),
    net: m(statement.amount).toString(),
    transactions,
    status: mismatches.length === 0 ? 'in_transit' : 'review',
    mismatches,
  };
}
