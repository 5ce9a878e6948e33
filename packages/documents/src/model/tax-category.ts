/**
 * EN 16931 VAT category codes (UNCL 5305) Billfold uses: `S` standard rate, `Z` zero rated,
 * `E` exempt, `AE` reverse charge.
 */
export type TaxCategoryCode = 'S' | 'Z' | 'E' | 'AE';

/**
 * The VAT category of a line: from the customer's tax status (`reverse_charge` → `AE`, `exempt` → `E`),
 * else from the line's rate (`0` → `Z`, anything else → `S`).
 * @internal
 */
export function taxCategoryOf(taxStatus: 'taxable' | 'exempt' | 'reverse_charge', percent: string): TaxCategoryCode {
  switch (taxStatus) {
    case 'reverse_charge':
      return 'AE';
    case 'exempt':
      return 'E';
    case 'taxable':
      return isZeroDecimal(percent) ? 'Z' : 'S';
    default: {
      const never: never = taxStatus;
      throw new Error(`unknown tax status ${String(never)}`);
    }
  }
}

/** Whether a decimal string is zero (`"0"`, `"0.00"`, `"-0"`). @internal */
export function isZeroDecimal(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}

/** Exact sum of non-negative decimal strings such as tax percentages (`"5" + "9.975"` → `"14.975"`). @internal */
export function addPercentages(values: readonly string[]): string {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, (value.split('.')[1] ?? '').length);
  let units = 0n;
  for (const value of values) {
    const [whole = '0', fraction = ''] = value.split('.');
    units += BigInt(whole + fraction.padEnd(scale, '0'));
  }
  if (scale === 0) return units.toString();
  const digits = units.toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/0+$/, '');
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
