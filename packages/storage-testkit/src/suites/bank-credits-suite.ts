import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makeBankCredit } from '../builders/bank-credit';
import type { KitContext } from '../kit-context';
import { recordCases, versionedCases } from './record-cases';
import { bankCreditKind } from './record-kinds';

/**
 * Suite `bankCredits`: CRUD and the version rule of imported bank credits, the unique statement line key (what
 * makes importing a statement twice store each line once), `getByKey`, and the queue's filters.
 */
export function bankCreditsSuite(kit: KitContext): void {
  recordCases(kit, bankCreditKind);
  versionedCases(kit, bankCreditKind);

  it('refuses a second credit for the same statement line (conflict) and finds a credit by its key', async () => {
    const storage = kit.storage();
    const first = makeBankCredit({ lineId: 'NTRY 2026/001#2' });
    await storage.bankCredits.insert(first);
    await expectBillingError(storage.bankCredits.insert(makeBankCredit({ key: first.key })), 'conflict');
    expect(await storage.bankCredits.getByKey('bank:DE89370400440532013000:NTRY 2026/001#2')).toStrictEqual(first);
    expect(await storage.bankCredits.getByKey('bank:DE89370400440532013000:NTRY 2026/001#3')).toBeUndefined();
  });

  it('list filters by status and by customerId', async () => {
    const storage = kit.storage();
    await storage.bankCredits.insert(makeBankCredit({ id: 'kit_bcr_3', status: 'proposed', reason: 'ambiguous' }));
    await storage.bankCredits.insert(
      makeBankCredit({ id: 'kit_bcr_1', status: 'matched', customerId: 'cus_kit_a', paymentId: 'pay_kit_a' }),
    );
    await storage.bankCredits.insert(makeBankCredit({ id: 'kit_bcr_2' }));
    expect(idsOf(await storage.bankCredits.list({ status: 'unmatched' }))).toEqual(['kit_bcr_2']);
    expect(idsOf(await storage.bankCredits.list({ customerId: 'cus_kit_a' }))).toEqual(['kit_bcr_1']);
    expect(idsOf(await storage.bankCredits.list({}))).toEqual(['kit_bcr_1', 'kit_bcr_2', 'kit_bcr_3']);
  });
}
