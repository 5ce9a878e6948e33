import type { Payout } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid gateway payout in transit: three charges (100.00, 50.00, 20.00) with their fees (2.90 + 1.75 + 0.88 =
 * 5.53) and a refund of 20.00, net 144.47 EUR, with `overrides` applied (its key is unique per payout unless `key`
 * is given).
 */
export function makePayout(overrides: Partial<Payout> = {}): Payout {
  const id = overrides.id ?? nextId('pyo');
  const providerPayoutId = overrides.providerPayoutId ?? `po_${id}`;
  const charge = (n: number, amount: string, fee: string) => ({
    id: `txn_${id}_${n}`,
    type: 'charge' as const,
    providerPaymentId: `ch_${id}_${n}`,
    amount,
    fee,
    paymentId: `pay_${id}_${n}`,
    customerId: 'cus_kit_card',
  });
  return {
    id,
    key: `payout:stripe:${providerPayoutId}`,
    provider: 'stripe',
    providerPayoutId,
    currency: 'EUR',
    arrivalDate: '2026-01-17',
    statementDescriptor: 'STRIPE PAYOUT',
    charges: '170.00',
    refunds: '20.00',
    disputes: '0.00',
    adjustments: '0.00',
    fees: '5.53',
    net: '144.47',
    transactions: [
      charge(1, '100.00', '2.90'),
      charge(2, '50.00', '1.75'),
      charge(3, '20.00', '0.88'),
      { id: `txn_${id}_4`, type: 'refund', providerPaymentId: `ch_${id}_3`, amount: '-20.00', fee: '0.00' },
    ],
    status: 'in_transit',
    mismatches: [],
    importedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}
