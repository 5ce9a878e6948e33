import type { BalanceTransaction } from '../../domain/payment';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { DECIMAL_PATTERN } from '../../money/fixed';
import { type Money, money } from '../../money/money';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';

/**
 * A ledger balance as storage gave it back, as money never below zero (what the customer can spend).
 * @throws BillingError `invalid_state` naming the customer when storage gave back something that is not a decimal.
 */
function spendable(balance: string, customerId: string, currency: string): Money {
  if (typeof balance !== 'string' || !DECIMAL_PATTERN.test(balance)) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `The ${currency} balance of customer ${customerId} read from storage is not a decimal (${JSON.stringify(balance)})`,
    );
  }
  const amount = money(balance, currency);
  return amount.isNegative() ? money('0', currency) : amount;
}

/** The credit a customer can spend in one currency: the ledger balance, never below zero. */
export async function creditBalance(session: StorageSession, customerId: string, currency: string): Promise<string> {
  return spendable(await session.balance.balance(customerId, currency), customerId, currency).toString();
}

/**
 * The credit each of many customers can spend in one currency, read in one `balances` call: the ledger balance,
 * never below zero, for every distinct id; a balance storage gave back that is not a decimal is that customer's
 * `invalid_state` error, so a caller billing many customers can leave that one out and bill the others.
 */
export async function spendableCredits(
  session: StorageSession,
  customerIds: readonly string[],
  currency: string,
): Promise<Map<string, Money | BillingError>> {
  const balances = await session.balance.balances(customerIds, currency);
  const credit = new Map<string, Money | BillingError>();
  for (const customerId of customerIds) {
    try {
      credit.set(customerId, spendable(balances.get(customerId) ?? '0', customerId, currency));
    } catch (error) {
      credit.set(customerId, error as BillingError);
    }
  }
  return credit;
}

/**
 * The credit each of many customers can spend in one currency, read in one `balances` call: the ledger
 * balance, never below zero, for every distinct id.
 * @throws BillingError `invalid_state` when storage gave back a balance that is not a decimal.
 */
export async function creditBalances(
  session: StorageSession,
  customerIds: readonly string[],
  currency: string,
): Promise<Map<string, string>> {
  const credit = new Map<string, string>();
  for (const [customerId, balance] of await spendableCredits(session, customerIds, currency)) {
    if (balance instanceof BillingError) throw balance;
    credit.set(customerId, balance.toString());
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
