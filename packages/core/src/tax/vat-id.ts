/**
 * Whether a tax registration is a VAT identification number (`eu_vat`, `gb_vat`, `ch_vat`, `vat`, …): its `type`
 * is `vat` or ends in `_vat`. The first such id of a customer is their VAT id on invoices and e-invoices.
 * @example
 * ```ts
 * isVatId({ type: 'eu_vat', value: 'DE123456789' }); // true
 * isVatId({ type: 'us_ein', value: '12-3456789' });  // false
 * ```
 */
export function isVatId(taxId: { readonly type: string }): boolean {
  return /(^|_)vat$/i.test(taxId.type);
}
