import type { Customer } from '../../domain/customer';
import type { CustomerSnapshot } from '../../domain/invoice';

/** The customer's name, address, tax ids, tax status, locale and time zone as they are now, to freeze on a finalized invoice. */
export function customerSnapshot(customer: Customer): CustomerSnapshot {
  const snapshot: CustomerSnapshot = {
    name: customer.name,
    email: customer.email,
    taxIds: customer.taxIds.map((taxId) => ({ ...taxId })),
    taxStatus: customer.taxStatus,
    locale: customer.locale,
    timeZone: customer.timeZone,
  };
  // Optional fields stay absent rather than undefined: storage keeps records field for field.
  if (customer.address !== undefined) snapshot.address = { ...customer.address };
  return snapshot;
}
