/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys for nested objects and arrays
 * (`metadata[invoice]=inv_1`, `expand[0]=latest_charge`), the OpenAPI `deepObject` style with `explode`.
 */

/** A decoded form value: text, or objects and arrays of them. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

function segments(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const parts = [key.slice(0, first)];
  for (const match of key.slice(first).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1] as string);
  return parts;
}

function assign(target: { [key: string]: FormValue }, path: string[], value: string): void {
  let node: { [key: string]: FormValue } | FormValue[] = target;
  path.forEach((part, index) => {
    const last = index === path.length - 1;
    const next = path[index + 1];
    const key = Array.isArray(node) && part === '' ? String(node.length) : part;
    const record = node as { [key: string]: FormValue };
    if (last) {
      record[key] = value;
      return;
    }
    if (record[key] === undefined) record[key] = next === '' || /^\d+$/.test(next as string) ? [] : {};
    node = record[key] as { [key: string]: FormValue } | FormValue[];
  });
}

/** Decodes a bracketed form body into nested objects and arrays (values stay strings). */
export function parseBracketedForm(body: string): { [key: string]: FormValue } {
  const result: { [key: string]: FormValue } = {};
  for (const [key, value] of new URLSearchParams(body)) assign(result, segments(key), value);
  return result;
}
