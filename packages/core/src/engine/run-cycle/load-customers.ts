import type { Customer } from '../../domain/customer';
import type { StorageSession } from '../../storage/storage-adapter';

/** The customers with these ids, by id (missing ones are left out), read with one `customers.getMany`. */
export async function loadCustomers(session: StorageSession, ids: Iterable<string>): Promise<Map<string, Customer>> {
  const distinct = [...new Set(ids)];
  const byId = new Map<string, Customer>();
  if (distinct.length === 0) return byId;
  for (const customer of await session.customers.getMany(distinct)) byId.set(customer.id, customer);
  return byId;
}
