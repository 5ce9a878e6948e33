import { money } from '../../money/money';
import type { PendingPayouts, UnappliedPayments, WaitingBankCredits } from '../../storage/report-queries';

/** Unreconciled cash in one currency. */
export interface UnreconciledCashRow {
  readonly currency: string;
  /** Bank credits a person must confirm (proposed) or place (unmatched): count and Σ amount each. */
  readonly proposed: { readonly credits: number; readonly amount: string };
  readonly unmatched: { readonly credits: number; readonly amount: string };
  /** The oldest value date among them. */
  readonly oldestValueDate?: string;
  /** Money received that no invoice took (customer credit): payments and Σ unapplied. */
  readonly unapplied: { readonly payments: number; readonly amount: string };
  /**
   * Gateway payouts whose bank deposit is awaited (`inTransit`: their payments are in the ledger, the cash is not
   * in the bank yet) and those a mismatch holds for a person (`review`): count and Σ net each, and the earliest
   * arrival date among them.
   */
  readonly payouts: {
    readonly inTransit: { readonly payouts: number; readonly amount: string };
    readonly review: { readonly payouts: number; readonly amount: string };
    readonly oldestArrivalDate?: string;
  };
}

/** Cash received and not yet tied to invoices, per currency (alphabetically), as of when it was asked. */
export interface UnreconciledCashReport {
  readonly asOf: string;
  readonly currencies: readonly UnreconciledCashRow[];
}

/** The payouts part of one currency's row. */
function payoutsIn(pending: readonly PendingPayouts[], currency: string): UnreconciledCashRow['payouts'] {
  const part = (status: PendingPayouts['status']) => {
    const row = pending.find((p) => p.currency === currency && p.status === status);
    return { payouts: row?.payouts ?? 0, amount: money(row?.amount ?? '0', currency).toString() };
  };
  const dates = pending.flatMap((p) => (p.currency === currency ? [p.oldestArrivalDate] : [])).sort();
  return {
    inTransit: part('in_transit'),
    review: part('review'),
    ...(dates.length > 0 ? { oldestArrivalDate: dates[0] as string } : {}),
  };
}

/** The unreconciled-cash report (pure); `pending` payouts default to none. */
export function buildUnreconciledCashReport(
  waiting: readonly WaitingBankCredits[],
  unapplied: readonly UnappliedPayments[],
  asOf: string,
  pending: readonly PendingPayouts[] = [],
): UnreconciledCashReport {
  const currencies = [
    ...new Set([
      ...waiting.map((w) => w.currency),
      ...unapplied.map((u) => u.currency),
      ...pending.map((p) => p.currency),
    ]),
  ].sort();
  return {
    asOf,
    currencies: currencies.map((currency): UnreconciledCashRow => {
      const part = (status: 'proposed' | 'unmatched') => {
        const row = waiting.find((w) => w.currency === currency && w.status === status);
        return { credits: row?.credits ?? 0, amount: money(row?.amount ?? '0', currency).toString() };
      };
      const dates = waiting.flatMap((w) =>
        w.currency === currency && w.oldestValueDate !== undefined ? [w.oldestValueDate] : [],
      );
      const paid = unapplied.find((u) => u.currency === currency);
      return {
        currency,
        proposed: part('proposed'),
        unmatched: part('unmatched'),
        ...(dates.length > 0 ? { oldestValueDate: dates.sort()[0] as string } : {}),
        unapplied: { payments: paid?.payments ?? 0, amount: money(paid?.unapplied ?? '0', currency).toString() },
        payouts: payoutsIn(pending, currency),
      };
    }),
  };
}
