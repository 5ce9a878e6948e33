import type { Customer } from '../../domain/customer';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { isVatId } from '../../tax/vat-id';

/**
 * Refuses a reverse-charge customer without a VAT id: under reverse charge the buyer accounts for the VAT, so the
 * invoice must name their VAT identification number (EU VAT Directive art. 226(4); EN 16931 BR-AE-02).
 * @throws BillingError `invalid_input` at `path`.
 */
export function assertReverseChargeVatId(
  customer: Pick<Customer, 'taxStatus' | 'taxIds'>,
  path: readonly (string | number)[],
): void {
  if (customer.taxStatus !== 'reverse_charge' || customer.taxIds.some(isVatId)) return;
  throw new BillingError(
    BillingErrorCode.invalidInput,
    'A reverse-charge customer needs a VAT id (a tax id of type "eu_vat", "vat" or another "…_vat"): the invoice must name it',
    { path },
  );
}
