import {
  type BillingStorageAdapter,
  listReportQueries,
  money,
  type PayoutRepository,
  type ReportQueries,
} from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makeBankCredit } from '../builders/bank-credit';
import { makePayout } from '../builders/payout';
import type { KitContext } from '../kit-context';
import { reportParityCase } from './report-parity-case';

const NO_PAYOUTS = 'the adapter keeps no gateway payouts (`payouts` is optional)';

/** Registers a case that runs on the adapter's payouts, skipped (with the reason) for an adapter without them. */
function payoutCase(
  kit: KitContext,
  title: string,
  run: (payouts: PayoutRepository, storage: BillingStorageAdapter) => Promise<void>,
): void {
  it(title, async (context) => {
    const storage = kit.storage();
    if (storage.payouts === undefined) {
      context.skip(NO_PAYOUTS);
      return;
    }
    await run(storage.payouts, storage);
  });
}

/** Payouts in every state: two EUR in transit (144.47, 10.05), one EUR in review (173.50), one deposited, one USD. */
async function seedPending(storage: BillingStorageAdapter): Promise<void> {
  if (storage.payouts === undefined) return;
  for (const payout of [
    makePayout({ id: 'kit_pend_1', arrivalDate: '2026-02-03' }),
    makePayout({ id: 'kit_pend_2', net: '10.05', arrivalDate: '2026-01-30' }),
    makePayout({ id: 'kit_pend_3', status: 'review', net: '173.5', arrivalDate: '2026-02-01' }),
    makePayout({ id: 'kit_pend_4', status: 'deposited', bankCreditId: 'bcr_kit_d', arrivalDate: '2026-01-01' }),
    makePayout({ id: 'kit_pend_5', currency: 'USD', net: '99.99', arrivalDate: '2026-02-02' }),
  ]) {
    await storage.payouts.insert(payout);
  }
}

/** `pendingPayouts` in a comparable form (amounts by value, sorted). */
async function pendingAnswers(queries: ReportQueries) {
  return (await queries.pendingPayouts())
    .map((p) => JSON.stringify({ ...p, amount: money(p.amount, p.currency).toString() }))
    .sort();
}

/**
 * Suite `payouts`: gateway payouts imported for reconciliation — exact round trips (signed amounts, transactions
 * and mismatches), the version rule, the unique payout key (what makes importing a payout twice store it once, also
 * when two imports race), `getByKey`, the filters by status and currency, and a bank credit naming its payout.
 */
export function payoutsSuite(kit: KitContext): void {
  payoutCase(
    kit,
    'stores a payout and reads it back exactly, in and outside a transaction',
    async (payouts, storage) => {
      const payout = makePayout({
        mismatches: [{ reason: 'payment_not_in_ledger', transactionId: 'txn_x', detail: 'charge 30.00 EUR of ch_x' }],
        status: 'review',
      });
      await payouts.insert(payout);
      expect(await payouts.get(payout.id)).toStrictEqual(payout);
      expect(await storage.transaction(async (session) => session.payouts?.get(payout.id))).toStrictEqual(payout);
      expect(await payouts.get('pyo_missing')).toBeUndefined();
    },
  );

  payoutCase(kit, 'updates a payout only from the version it was read at', async (payouts) => {
    const payout = makePayout();
    await payouts.insert(payout);
    const deposited = {
      ...payout,
      status: 'deposited' as const,
      bankCreditId: 'bcr_kit_deposit',
      depositedAt: '2026-01-18T08:00:00.000Z',
      version: 2,
    };
    await payouts.update(deposited);
    expect(await payouts.get(payout.id)).toStrictEqual(deposited);
    await expectBillingError(payouts.update({ ...payout, version: 2 }), 'conflict');
    await expectBillingError(payouts.update(makePayout({ version: 2 })), 'not_found');
  });

  payoutCase(
    kit,
    'refuses a second payout with the same key (conflict) and finds a payout by its key',
    async (payouts) => {
      const first = makePayout({ providerPayoutId: 'po_kit_same' });
      await payouts.insert(first);
      await expectBillingError(payouts.insert(makePayout({ providerPayoutId: 'po_kit_same' })), 'conflict');
      expect(await payouts.getByKey('payout:stripe:po_kit_same')).toStrictEqual(first);
      expect(await payouts.getByKey('payout:paypal:po_kit_same')).toBeUndefined();
    },
  );

  payoutCase(
    kit,
    'two inserts of one payout at once store it once: one succeeds, the other is a conflict',
    async (payouts) => {
      const a = makePayout({ providerPayoutId: 'po_kit_race' });
      const b = makePayout({ providerPayoutId: 'po_kit_race' });
      const results = await Promise.allSettled([payouts.insert(a), payouts.insert(b)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [rejected] = results.filter((r) => r.status === 'rejected');
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      expect(idsOf(await payouts.list({}))).toHaveLength(1);
    },
  );

  payoutCase(kit, 'list filters by status and by currency, in ascending id order', async (payouts) => {
    await payouts.insert(makePayout({ id: 'kit_pyo_3', status: 'review' }));
    await payouts.insert(makePayout({ id: 'kit_pyo_1', currency: 'USD' }));
    await payouts.insert(makePayout({ id: 'kit_pyo_2', status: 'deposited', bankCreditId: 'bcr_kit_1' }));
    expect(idsOf(await payouts.list({ status: 'in_transit' }))).toEqual(['kit_pyo_1']);
    expect(idsOf(await payouts.list({ currency: 'EUR' }))).toEqual(['kit_pyo_2', 'kit_pyo_3']);
    expect(idsOf(await payouts.list({ status: 'review', currency: 'EUR' }))).toEqual(['kit_pyo_3']);
    expect(idsOf(await payouts.list({}))).toEqual(['kit_pyo_1', 'kit_pyo_2', 'kit_pyo_3']);
  });

  payoutCase(kit, 'a bank credit names the payout it deposits', async (payouts, storage) => {
    const payout = makePayout();
    await payouts.insert(payout);
    const credit = makeBankCredit({ status: 'matched', resolution: 'payout', payoutId: payout.id, amount: payout.net });
    delete credit.reason;
    await storage.bankCredits.insert(credit);
    expect(await storage.bankCredits.get(credit.id)).toStrictEqual(credit);
  });

  payoutCase(
    kit,
    'pending payouts from list calls: in transit and in review per currency, hand-computed',
    async (_p, storage) => {
      await seedPending(storage);
      const row = (currency: string, status: string, payouts: number, amount: string, oldestArrivalDate: string) =>
        JSON.stringify({ currency, status, payouts, amount, oldestArrivalDate });
      expect(await pendingAnswers(listReportQueries(storage))).toEqual(
        [
          // 144.47 + 10.05 = 154.52, the earlier arriving on 30 January; the deposited payout is done.
          row('EUR', 'in_transit', 2, '154.52', '2026-01-30'),
          row('EUR', 'review', 1, '173.50', '2026-02-01'),
          row('USD', 'in_transit', 1, '99.99', '2026-02-02'),
        ].sort(),
      );
    },
  );

  reportParityCase(
    kit,
    "the adapter's own pending-payouts query gives the same answer as the list-based one",
    seedPending,
    pendingAnswers,
  );
}
