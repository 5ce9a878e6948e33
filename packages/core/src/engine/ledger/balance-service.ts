import { IdSchema, type Page, type PageRequest, PageRequestSchema } from '../../domain/common';
import type { BalanceTransaction } from '../../domain/payment';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import { CurrencySchema } from '../../money/schemas';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';

/** A customer's credit balance in one currency. */
export interface CustomerBalance {
  readonly customerId: string;
  readonly currency: string;
  /** The sum of the ledger entries: credit the customer has to spend (decimal string). */
  readonly amount: string;
}

/** The customer credit ledger: overpayments, credit-note surpluses and proration credits, less what was used or refunded. */
export interface BalanceService {
  /** @throws BillingError `not_found` for an unknown customer. */
  get(customerId: string, currency: string): Promise<CustomerBalance>;
  /** The ledger entries of a customer, in id (time) order. */
  transactions(customerId: string, page?: PageRequest): Promise<Page<BalanceTransaction>>;
}

/** Creates the balance service over an engine context. */
export function createBalanceService(ctx: EngineContext): BalanceService {
  return {
    async get(customerId, currency) {
      validate(IdSchema, customerId, 'customerId');
      validate(CurrencySchema, currency, 'currency');
      await requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
      const amount = money(await ctx.storage.balance.balance(customerId, currency), currency).toString();
      return { customerId, currency, amount };
    },
    async transactions(customerId, page) {
      validate(IdSchema, customerId, 'customerId');
      const request = validate(PageRequestSchema, page ?? {}, 'page');
      await requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
      return ctx.storage.balance.list({ customerId, ...request });
    },
  };
}
