/** Whether a decimal string is zero (`"0"`, `"0.00"`, `"-0"`). @internal */
export function isZeroDecimal(value: string): boolean {
  return /^-?0*(\.0*)?$/.test(value);
}
