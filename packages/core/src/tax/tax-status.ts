import { z } from 'zod';

/**
 * The customer's tax status:
 * - `taxable` (default): the line's tax rates apply;
 * - `exempt`: no tax (amounts stay as entered, tax-inclusive prices included);
 * - `reverse_charge`: no tax, and the invoice carries {@link REVERSE_CHARGE_NOTE} (EU B2B supplies).
 */
export const TaxStatusSchema = z.enum(['taxable', 'exempt', 'reverse_charge']);

/** A customer's tax status; see {@link TaxStatusSchema}. */
export type TaxStatus = z.infer<typeof TaxStatusSchema>;

/** The legal note a reverse-charge invoice carries. */
export const REVERSE_CHARGE_NOTE = 'Reverse charge: VAT to be accounted for by the recipient';

/** Whether tax is charged to a customer with this status (only `taxable`). */
export function chargesTax(status: TaxStatus): boolean {
  return status === 'taxable';
}

/** The notes an invoice must carry for this status: `[REVERSE_CHARGE_NOTE]` for `reverse_charge`, else none. */
export function taxStatusNotes(status: TaxStatus): string[] {
  switch (status) {
    case 'reverse_charge':
      return [REVERSE_CHARGE_NOTE];
    case 'taxable':
    case 'exempt':
      return [];
    default: {
      const never: never = status;
      throw new Error(`unknown tax status ${String(never)}`);
    }
  }
}
