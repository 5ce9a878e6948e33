import type { BankCredit } from '@billfold/core';
import { BUILDER_NOW, nextId } from './ids';

/**
 * A valid unmatched bank credit of 75.00 EUR from a statement line, with `overrides` applied (its key is unique
 * per credit unless `key` is given).
 */
export function makeBankCredit(overrides: Partial<BankCredit> = {}): BankCredit {
  const id = overrides.id ?? nextId('bcr');
  const lineId = overrides.lineId ?? `ENTRY/${id}`;
  return {
    id,
    key: `bank:DE89370400440532013000:${lineId}`,
    account: 'DE89370400440532013000',
    lineId,
    entryId: lineId,
    status: 'unmatched',
    reason: 'no_reference',
    amount: '75.00',
    currency: 'EUR',
    valueDate: '2026-01-14',
    payerName: 'Müller & Söhne',
    payerIban: 'GB29NWBK60161331926819',
    remittance: 'thanks | E2E-1',
    candidates: [],
    referencedInvoiceIds: [],
    importedAt: BUILDER_NOW,
    version: 1,
    ...overrides,
  };
}
