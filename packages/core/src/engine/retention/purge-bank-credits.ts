import { BillingErrorCode, isBillingError } from '../../errors/billing-error';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import { holdsPayerData, pseudonymisedBankCredit } from './pseudonymised-bank-credit';

/** Credits nobody claimed: in the queue, or set aside as no customer's payment. */
const UNCLAIMED = ['unmatched', 'dismissed'] as const;

/**
 * Pseudonymises the unclaimed bank credits (`unmatched` or `dismissed`, no customer) imported before
 * `importedBefore`: the payer is nobody the books know, and the time to identify, assign or return the money is over.
 * Amount, value date, bank reference and the remittance's hash stay (the money is still on the account). A credit a
 * person changed meanwhile (`conflict`) is left for the next purge.
 * @returns how many credits it changed.
 * @internal
 */
export async function purgeUnclaimedBankCredits(
  storage: BillingStorageAdapter,
  query: { readonly importedBefore: Date; readonly batchSize: number },
): Promise<number> {
  const cutoff = query.importedBefore.getTime();
  let changed = 0;
  for (const status of UNCLAIMED) {
    let cursor: string | undefined;
    do {
      const page = await storage.bankCredits.list({
        status,
        limit: query.batchSize,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const credit of page.items) {
        const claimed = credit.customerId !== undefined;
        if (claimed || Date.parse(credit.importedAt) >= cutoff || !holdsPayerData(credit)) continue;
        const next = await pseudonymisedBankCredit(credit);
        if (next === undefined) continue;
        try {
          await storage.bankCredits.update(next);
          changed += 1;
        } catch (error) {
          if (!isBillingError(error) || error.code !== BillingErrorCode.conflict) throw error;
        }
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return changed;
}
