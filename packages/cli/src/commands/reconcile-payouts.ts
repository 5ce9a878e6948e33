import { type Billing, listAll, type Payout, type PayoutStatement, PayoutStatusSchema } from '@billfold/core';
import { readJson } from '../engine-options';
import { UsageError } from '../usage-error';

/** One stored payout as a line: id, provider payout, status, net and its parts, arrival, deposit, mismatches. */
export function payoutLine(payout: Payout): string {
  const mismatches = payout.mismatches.map((m) => `${m.reason}${m.transactionId ? ` ${m.transactionId}` : ''}`);
  return [
    payout.id,
    `${payout.provider} ${payout.providerPayoutId}`,
    payout.status,
    `net ${payout.net} ${payout.currency} (charges ${payout.charges}, refunds ${payout.refunds}, disputes ${payout.disputes}, fees ${payout.fees})`,
    `arrives ${payout.arrivalDate}`,
    payout.bankCreditId !== undefined ? `deposited by ${payout.bankCreditId}` : '',
    mismatches.length > 0 ? `review: ${mismatches.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('  ');
}

/** What `billfold reconcile payouts` did: the payouts it imported or listed, and the lines it prints. */
export interface PayoutsOutcome {
  readonly result: unknown;
  readonly lines: string[];
}

/**
 * `billfold reconcile payouts FILE`: imports the payouts of a JSON file (one payout as the gateway reports it, or an
 * array of them; see `PayoutStatementSchema`); again, nothing changes.
 */
export async function importPayoutsFile(billing: Billing, file: string, cwd: string): Promise<PayoutsOutcome> {
  const json = await readJson('reconcile', 'payouts', file, cwd);
  const statements = (Array.isArray(json) ? json : [json]) as PayoutStatement[];
  const imported = [];
  for (const statement of statements) imported.push(await billing.reconciliation.importPayout(statement));
  return {
    result: imported,
    lines: [
      `Imported ${imported.length} payout(s): ` +
        `imported ${imported.filter((i) => i.outcome === 'imported').length}, ` +
        `already_imported ${imported.filter((i) => i.outcome === 'already_imported').length}`,
      ...imported.map((i) => `  ${i.outcome}  ${payoutLine(i.payout)}`),
    ],
  };
}

/** `billfold reconcile payouts [--status S]`: the stored payouts, by id. */
export async function listPayouts(billing: Billing, status: string | undefined): Promise<PayoutsOutcome> {
  const parsed = PayoutStatusSchema.safeParse(status);
  if (status !== undefined && !parsed.success) {
    throw new UsageError(
      `--status must be one of ${PayoutStatusSchema.options.join(', ')} (got "${status}")`,
      'reconcile',
    );
  }
  const filter = status !== undefined && parsed.success ? { status: parsed.data } : {};
  const payouts = await listAll((page) => billing.reconciliation.listPayouts({ ...filter, ...page }));
  return {
    result: payouts,
    lines: payouts.length === 0 ? ['No payouts stored.'] : payouts.map(payoutLine),
  };
}
