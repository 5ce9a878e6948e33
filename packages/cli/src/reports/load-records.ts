import { listAll } from '@billfold/core';
import type { BillingStorageAdapter, CreditNote, Invoice } from '@billfold/core';

/** Every stored invoice, in creation order. */
export function loadInvoices(storage: BillingStorageAdapter): Promise<Invoice[]> {
  return listAll((page) => storage.invoices.list(page));
}

/** Every stored credit note, in creation order. */
export function loadCreditNotes(storage: BillingStorageAdapter): Promise<CreditNote[]> {
  return listAll((page) => storage.creditNotes.list(page));
}
