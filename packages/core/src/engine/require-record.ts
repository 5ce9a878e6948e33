import { BillingError, BillingErrorCode } from '../errors/billing-error';

/**
 * The record with `id`, or a BillingError `not_found` naming what was looked for and the field it came from.
 * @param what the kind of record, for the message (`customer`).
 * @param path the argument field that held the id (`["input", "customerId"]`).
 */
export async function requireRecord<T>(
  repository: { get(id: string): Promise<T | undefined> },
  id: string,
  what: string,
  path: readonly (string | number)[],
): Promise<T> {
  const record = await repository.get(id);
  if (record === undefined) {
    throw new BillingError(BillingErrorCode.notFound, `No ${what} with id "${id}"`, { path });
  }
  return record;
}
