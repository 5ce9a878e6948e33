import type { Customer } from '../../domain/customer';
import type { StorageSession } from '../../storage/storage-adapter';

/**
 * The customers with these ids (missing ones are left out). The storage contract reads customers one id at a
 * time, so this issues one `get` per distinct id, all at once, for a whole batch.
 */
export async function loadCustomers(session: StorageSession, ids: Iterable<string>): Promise<Map<string, Customer>> {
  const distinct = [...new Set(ids)];
  const found = await Promise.all(distinct.map((id) => session.customers.get(id)));
  const byId = new Map<string, Customer>();
  for (const customer of found) if (customer !== undefined) byId.set(customer.id, customer);
  return byId;
}
