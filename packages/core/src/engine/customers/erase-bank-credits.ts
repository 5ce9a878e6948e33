import type { BankCredit } from '../../domain/bank-credit';
import type { Customer } from '../../domain/customer';
import { listAll } from '../../domain/list-all';
import type { StorageSession } from '../../storage/storage-adapter';
import { pseudonymisedBankCredit } from '../retention/pseudonymised-bank-credit';

/** Statuses of credits still waiting for a person: they may be the customer's without naming them yet. */
const WAITING = ['proposed', 'unmatched'] as const;

/**
 * Pseudonymises the imported bank credits that are the customer's (see `pseudonymisedBankCredit`): those matched
 * to them (accounting records: amount, date, reference hash and payment stay), and those still waiting for a person
 * that a candidate names the customer for or that came from one of the customer's accounts (learnt from their
 * matched credits, or their bank account). The accounts the matcher knows the customer by are learnt from the
 * matched credits' IBANs and names, so they go with them. A waiting credit from the customer's name alone is left
 * to the unmatched credits' retention (a name does not tell one payer from another).
 * @returns how many credits it changed.
 * @internal
 */
export async function eraseCustomerBankCredits(session: StorageSession, customer: Customer): Promise<number> {
  const own = await listAll((page) => session.bankCredits.list({ ...page, customerId: customer.id }));
  const ibans = new Set(own.flatMap((credit) => (credit.payerIban === undefined ? [] : [credit.payerIban])));
  if (customer.bankAccount?.iban !== undefined) ibans.add(customer.bankAccount.iban.replace(/\s+/g, '').toUpperCase());
  const mine = (credit: BankCredit) =>
    credit.candidates.some((candidate) => candidate.customerId === customer.id) ||
    (credit.payerIban !== undefined && ibans.has(credit.payerIban));
  const waiting: BankCredit[] = [];
  for (const status of WAITING) {
    const credits = await listAll((page) => session.bankCredits.list({ ...page, status }));
    waiting.push(...credits.filter((credit) => credit.customerId === undefined && mine(credit)));
  }
  let changed = 0;
  for (const credit of [...own, ...waiting]) {
    const next = await pseudonymisedBankCredit(credit);
    if (next === undefined) continue;
    await session.bankCredits.update(next);
    changed += 1;
  }
  return changed;
}
