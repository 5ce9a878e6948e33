import type { BalanceTransaction } from '../../domain/payment';
import { money } from '../../money/money';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';

/** The credit a customer can spend in one currency: the ledger balance, never below zero. */
export async function creditBalance(session: StorageSession, customerId: string, currency: string): Promise<string> {
  const balance = money(await session.balance.balance(customerId, currency), currency);
  return (balance.isNegative() ? money('0', currency) : balance).toString();
}

/**
 * The credit each of many customers can spend in one currency, read in one `balances` call: the ledger
 * balance, never below zero, for every distinct id.
 */
export async function creditBalances(
  session: StorageSession,
  customerIds: readonly string[],
  currency: string,
): Promise<Map<string, string>> {
  const balances = await session.balance.balances(customerIds, currency);
  const credit = new Map<string, string>();
  for (const customerId of customerIds) {
    const balance = money(balances.get(customerId) ?? '0', currency);
    credit.set(customerId, (balance.isNegative() ? money('0', currency) : balance).toString());
  }
  return credit;
}

/** Writes one entry of the customer credit ledger (positive: credit owed to the customer; negative: credit used). */
export async function recordBalanceEntry(
  session: StorageSession,
  ctx: EngineContext,
  entry: Omit<BalanceTransaction, 'id' | 'createdAt'>,
): Promise<BalanceTransaction> {
  const record: BalanceTransaction = { id: ctx.ids('btx'), ...entry, createdAt: ctx.clock.now().toISOString() };
  await session.balance.insert(record);
  return record;
}
