import type { BankCredit } from '../../domain/bank-credit';
import { listAll } from '../../domain/list-all';
import type { Payout } from '../../domain/payout';
import { money } from '../../money/money';
import type { PayoutRepository } from '../../storage/reconciliation-repositories';
import type { StorageSession } from '../../storage/storage-adapter';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';

/** How many days a deposit's value date may be from the payout's arrival date to match on amount and date alone. */
export const PAYOUT_DEPOSIT_DAYS = 3;

/** What a bank line offers to be matched with a payout: its amount, currency, value date and texts. */
export interface DepositLine {
  readonly amount: string;
  readonly currency: string;
  /** `YYYY-MM-DD`. */
  readonly valueDate?: string;
  /** The remittance and references, joined. */
  readonly remittance: string;
}

const days = (a: string, b: string) =>
  Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** Whether a payout awaiting its deposit names itself in the line (its id or its statement descriptor). */
function named(payout: Payout, text: string): boolean {
  const haystack = text.toUpperCase();
  const descriptor = payout.statementDescriptor?.trim().toUpperCase();
  return (
    haystack.includes(payout.providerPayoutId.toUpperCase()) ||
    (descriptor !== undefined && descriptor !== '' && haystack.includes(descriptor))
  );
}

/**
 * The payout a bank credit line deposits, among those awaiting a deposit (no `bankCreditId`): same currency, the
 * payout's net amount exactly, and either named in the line (payout id or statement descriptor) or the only such
 * payout whose arrival date is within {@link PAYOUT_DEPOSIT_DAYS} days of the value date. `undefined` when none
 * fits or several fit equally (a person decides).
 */
export function findDepositedPayout(line: DepositLine, awaiting: readonly Payout[]): Payout | undefined {
  const fits = awaiting.filter(
    (payout) =>
      payout.bankCreditId === undefined &&
      payout.currency === line.currency &&
      money(payout.net, payout.currency).compare(money(line.amount, line.currency)) === 0,
  );
  const byName = fits.filter((payout) => named(payout, line.remittance));
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) return undefined;
  const byDate = fits.filter(
    (payout) => line.valueDate !== undefined && days(payout.arrivalDate, line.valueDate) <= PAYOUT_DEPOSIT_DAYS,
  );
  return byDate.length === 1 ? byDate[0] : undefined;
}

/** The payouts that wait for their bank deposit (in transit, or in review without one), in one currency. */
export async function payoutsAwaitingDeposit(payouts: PayoutRepository, currency: string): Promise<Payout[]> {
  const awaiting: Payout[] = [];
  for (const status of ['in_transit', 'review'] as const) {
    const listed = await listAll((page) => payouts.list({ status, currency, ...page }));
    awaiting.push(...listed.filter((payout) => payout.bankCreditId === undefined));
  }
  return awaiting;
}

/**
 * Ties a payout to the bank credit that deposits it, in one transaction: the credit is stored (`insert`, a line
 * being imported) or updated (`update`, a credit waiting in the queue) as `matched` with `resolution: 'payout'`,
 * and the payout gets the credit and, unless a mismatch keeps it in review, `deposited`. Both records' versions are
 * checked, so a payout is deposited once.
 * @returns the credit as stored.
 * @internal
 */
export async function depositPayout(
  session: StorageSession,
  payouts: PayoutRepository,
  credit: BankCredit,
  payout: Payout,
  write: 'insert' | 'update',
  now: string,
): Promise<BankCredit> {
  const stored = await payouts.get(payout.id);
  if (stored === undefined || stored.version !== payout.version || stored.bankCreditId !== undefined) {
    throw new BillingError(BillingErrorCode.conflict, `Payout ${payout.id} was deposited meanwhile`, {
      path: ['payoutId'],
    });
  }
  const matched: BankCredit = {
    ...credit,
    status: 'matched',
    resolution: 'payout',
    payoutId: payout.id,
    resolvedAt: now,
    version: write === 'insert' ? 1 : credit.version + 1,
  };
  delete matched.reason;
  if (write === 'insert') await session.bankCredits.insert(matched);
  else await session.bankCredits.update(matched);
  await payouts.update({
    ...stored,
    status: stored.status === 'review' ? 'review' : 'deposited',
    bankCreditId: matched.id,
    depositedAt: now,
    version: stored.version + 1,
  });
  return matched;
}
