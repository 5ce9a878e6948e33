import type { Customer } from '../../domain/customer';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';

/**
 * Refuses to bill or change an erased customer: no new subscriptions, invoices, finalizations or profile
 * changes (`customer_erased` at `path`). Payments, refunds and credit notes on their retained invoices still work.
 */
export function assertNotErased(customer: Customer, path: readonly (string | number)[]): void {
  if (customer.erasure === undefined) return;
  throw new BillingError(
    BillingErrorCode.customerErased,
    `Customer ${customer.id} was erased on ${customer.erasure.erasedAt}: it cannot be billed or changed`,
    { path: [...path] },
  );
}
