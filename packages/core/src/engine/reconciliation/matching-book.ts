import type { BankCredit } from '../../domain/bank-credit';
import { listAll } from '../../domain/list-all';
import { money } from '../../money/money';
import type { KnownPayer, OpenInvoice } from '../../reconciliation/match-input';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';

/**
 * What the matcher needs from storage: every open invoice with something still owed, and each customer's known
 * accounts and names, learnt from the bank credits already matched to them (the first payment from an account
 * is matched by its reference; later ones from that account are recognised without).
 * @internal
 */
export async function loadMatchingBook(
  storage: BillingStorageAdapter,
): Promise<{ openInvoices: OpenInvoice[]; knownPayers: KnownPayer[] }> {
  const open = await listAll((page) => storage.invoices.list({ status: 'open', ...page }));
  const openInvoices = open.flatMap((invoice): OpenInvoice[] =>
    invoice.number === undefined || money(invoice.amountRemaining, invoice.currency).compare(money('0', invoice.currency)) <= 0
      ? []
      : [
          {
            id: invoice.id,
            number: invoice.number,
            customerId: invoice.customerId,
            currency: invoice.currency,
            amountRemaining: invoice.amountRemaining,
            ...(invoice.dueAt !== undefined ? { dueAt: invoice.dueAt } : {}),
          },
        ],
  );
  const matched = await listAll((page) => storage.bankCredits.list({ status: 'matched', ...page }));
  return { openInvoices, knownPayers: knownPayers(matched) };
}

/** Each customer's payer IBANs and names from their matched credits. */
function knownPayers(credits: readonly BankCredit[]): KnownPayer[] {
  const payers = new Map<string, { ibans: Set<string>; names: Set<string> }>();
  for (const credit of credits) {
    if (credit.customerId === undefined) continue;
    const payer = payers.get(credit.customerId) ?? { ibans: new Set<string>(), names: new Set<string>() };
    if (credit.payerIban !== undefined) payer.ibans.add(credit.payerIban);
    if (credit.payerName !== undefined) payer.names.add(credit.payerName);
    payers.set(credit.customerId, payer);
  }
  return [...payers].map(([customerId, { ibans, names }]) => ({
    customerId,
    ibans: [...ibans].slice(0, 100),
    names: [...names].slice(0, 100),
  }));
}
