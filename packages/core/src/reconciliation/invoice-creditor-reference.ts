import { createCreditorReference } from './creditor-reference';

/**
 * The ISO 11649 reference an invoice carries for customers to quote: {@link createCreditorReference} of its
 * number, or `undefined` when the invoice has no number yet or its number holds more than 21 letters and digits.
 * The matcher recognises the same reference in statements.
 * @example
 * ```ts
 * invoiceCreditorReference('INV-2026-000123'); // "RF98INV2026000123"
 * ```
 */
export function invoiceCreditorReference(invoiceNumber: string | undefined): string | undefined {
  if (invoiceNumber === undefined) return undefined;
  const body = invoiceNumber.replace(/[\s\-/._]+/g, '');
  return /^[A-Za-z0-9]{1,21}$/.test(body) ? createCreditorReference(invoiceNumber) : undefined;
}
