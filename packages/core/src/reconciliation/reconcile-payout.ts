import { z } from 'zod';
import { IdSchema } from '../domain/common';
import { BillingError, BillingErrorCode } from '../errors/billing-error';
import { validate } from '../errors/validate';
import { money } from '../money/money';
import { CurrencySchema, DecimalStringSchema, NonNegativeDecimalSchema } from '../money/schemas';
import type { DeeplyReadonly } from '../pricing/price-schema';

/** A payout from a payment gateway to the bank account: the payments it settles, less the gateway's fees. */
export const GatewayPayoutSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** The gateway (`stripe`, `paypal`): part of the idempotency key. */
  provider: z.string().min(1).max(40),
  currency: CurrencySchema,
  /** What the payments in it add up to. */
  gross: DecimalStringSchema,
  fees: NonNegativeDecimalSchema,
  /** gross − fees: what reached the bank. */
  net: DecimalStringSchema,
  /** The gateway's ids of the payments in it (charges, captures). */
  paymentIds: z.array(z.string().min(1).max(200)).max(100_000),
});

/** A gateway payout; see {@link GatewayPayoutSchema}. */
export type GatewayPayout = z.infer<typeof GatewayPayoutSchema>;

/** A gateway payment as Billfold recorded it, with the fee the gateway reported for it. */
export const RecordedGatewayPaymentSchema = z.strictObject({
  paymentId: IdSchema,
  providerPaymentId: z.string().min(1).max(200),
  customerId: IdSchema,
  currency: CurrencySchema,
  amount: DecimalStringSchema,
  fee: NonNegativeDecimalSchema.default('0'),
});

/** A recorded gateway payment; see {@link RecordedGatewayPaymentSchema}. */
export type RecordedGatewayPayment = z.input<typeof RecordedGatewayPaymentSchema>;

/** A payment of the payout found among the recorded ones. */
export interface PayoutAllocation {
  readonly paymentId: string;
  readonly providerPaymentId: string;
  readonly customerId: string;
  readonly amount: string;
  readonly fee: string;
}

/** The outcome for one payout, in the shape of a statement line's: a kind, a reason, allocations, what is left. */
export interface PayoutMatch {
  readonly payoutId: string;
  /** `exact`: every payment found, amounts add up to `gross`, fees to `fees`. */
  readonly kind: 'exact' | 'proposed' | 'unmatched';
  readonly reason?: 'payout_difference' | 'no_reference';
  readonly currency: string;
  readonly gross: string;
  readonly net: string;
  readonly allocations: readonly PayoutAllocation[];
  /** gross − the allocated payments (negative when the recorded payments add up to more). */
  readonly difference: string;
  /** fees − the fees recorded on the allocated payments. */
  readonly feeDifference: string;
  /** Gateway ids in the payout with no recorded payment (or one in another currency). */
  readonly missingPaymentIds: readonly string[];
  /** `payout:<provider>:<payout id>`. */
  readonly idempotencyKey: string;
}

/**
 * Matches a gateway payout to the gateway payments Billfold recorded: every provider payment id is looked up,
 * amounts and fees are added up exactly and compared with the payout's gross and fees. Pure.
 * @throws BillingError `invalid_input` when the payout's own figures disagree (gross − fees ≠ net) or list a
 * payment twice.
 * @example
 * ```ts
 * reconcilePayout({ id: 'po_1', provider: 'stripe', currency: 'EUR', gross: '100.00', fees: '2.90', net: '97.10',
 *   paymentIds: ['ch_1', 'ch_2'] }, recorded); // { kind: 'exact', allocations: [...], difference: '0.00', … }
 * ```
 */
export function reconcilePayout(
  payout: DeeplyReadonly<GatewayPayout>,
  recorded: readonly DeeplyReadonly<RecordedGatewayPayment>[],
): PayoutMatch {
  const p = validate(GatewayPayoutSchema, payout, 'payout');
  const payments = validate(z.array(RecordedGatewayPaymentSchema).max(1_000_000), recorded, 'recorded');
  const gross = money(p.gross, p.currency);
  const fees = money(p.fees, p.currency);
  if (gross.subtract(fees).compare(money(p.net, p.currency)) !== 0) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Payout ${p.id}: gross ${p.gross} − fees ${p.fees} is not net ${p.net}`,
      {
        path: ['payout', 'net'],
      },
    );
  }
  const duplicate = p.paymentIds.find((id, i) => p.paymentIds.indexOf(id) !== i);
  if (duplicate !== undefined) {
    throw new BillingError(BillingErrorCode.invalidInput, `Payout ${p.id} lists payment ${duplicate} twice`, {
      path: ['payout', 'paymentIds', p.paymentIds.lastIndexOf(duplicate)],
    });
  }
  const byProviderId = new Map(payments.filter((r) => r.currency === p.currency).map((r) => [r.providerPaymentId, r]));
  const allocations: PayoutAllocation[] = [];
  const missingPaymentIds: string[] = [];
  let allocated = money('0', p.currency);
  let recordedFees = money('0', p.currency);
  for (const id of p.paymentIds) {
    const found = byProviderId.get(id);
    if (found === undefined) {
      missingPaymentIds.push(id);
      continue;
    }
    const amount = money(found.amount, p.currency);
    const fee = money(found.fee, p.currency);
    allocations.push({
      paymentId: found.paymentId,
      providerPaymentId: id,
      customerId: found.customerId,
      amount: amount.toString(),
      fee: fee.toString(),
    });
    allocated = allocated.add(amount);
    recordedFees = recordedFees.add(fee);
  }
  const difference = gross.subtract(allocated);
  const feeDifference = fees.subtract(recordedFees);
  const balanced = missingPaymentIds.length === 0 && difference.isZero() && feeDifference.isZero();
  return {
    payoutId: p.id,
    kind: balanced ? 'exact' : allocations.length > 0 ? 'proposed' : 'unmatched',
    ...(balanced
      ? {}
      : { reason: allocations.length > 0 ? ('payout_difference' as const) : ('no_reference' as const) }),
    currency: p.currency,
    gross: gross.toString(),
    net: money(p.net, p.currency).toString(),
    allocations,
    difference: difference.toString(),
    feeDifference: feeDifference.toString(),
    missingPaymentIds,
    idempotencyKey: `payout:${p.provider}:${p.id}`,
  };
}
