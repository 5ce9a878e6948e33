import { type BillingErrorCode, isBillingError, type Page } from '@billfold/core';
import { expect } from 'vitest';

/** Awaits `action` and asserts it rejected with a `BillingError` of `code`. */
export async function expectBillingError(action: Promise<unknown>, code: BillingErrorCode): Promise<void> {
  let outcome: { threw: false } | { threw: true; error: unknown } = { threw: false };
  try {
    await action;
  } catch (error) {
    outcome = { threw: true, error };
  }
  if (!outcome.threw) expect.fail(`expected a BillingError with code "${code}", but the call succeeded`);
  const { error } = outcome;
  if (!isBillingError(error)) expect.fail(`expected a BillingError with code "${code}", got: ${String(error)}`);
  expect(error.code, `BillingError code (message: ${error.message})`).toBe(code);
}

/** `units × 10^-scale` of a decimal string, or `undefined` when it is not one. */
function parseDecimal(text: string): { units: bigint; scale: number } | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  return { units: BigInt(`${match[1]}${match[2]}${fraction}`), scale: fraction.length };
}

/** Asserts `actual` is a decimal string numerically equal to `expected` (`"4.00"` equals `"4"`). */
export function expectDecimal(actual: unknown, expected: string): void {
  expect(typeof actual, `expected a decimal string equal to ${expected}`).toBe('string');
  const a = parseDecimal(actual as string);
  const e = parseDecimal(expected) as { units: bigint; scale: number };
  if (a === undefined) expect.fail(`expected a decimal string equal to ${expected}, got "${String(actual)}"`);
  const scale = Math.max(a.scale, e.scale);
  const same = a.units * 10n ** BigInt(scale - a.scale) === e.units * 10n ** BigInt(scale - e.scale);
  expect(same, `expected ${expected}, got "${String(actual)}"`).toBe(true);
}

/** Asserts no `null` (and no `undefined` value) appears anywhere in `value`. */
export function expectNoNulls(value: unknown, path = '$'): void {
  if (value === null || value === undefined) expect.fail(`${path} is ${String(value)}; optional fields must be absent`);
  if (typeof value !== 'object') return;
  for (const [key, field] of Object.entries(value as object)) expectNoNulls(field, `${path}.${key}`);
}

/** The ids of a page's items, in order. */
export function idsOf(page: Page<{ readonly id: string }>): string[] {
  return page.items.map((item) => item.id);
}

/** Every item of a list, reading page after page with `limit`; fails past 100 pages. */
export async function readAll<T>(
  list: (cursor: string | undefined) => Promise<Page<T>>,
  limit: number,
): Promise<{ items: T[]; pages: Page<T>[] }> {
  const pages: Page<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    expect(page.items.length, 'a page holds at most `limit` items').toBeLessThanOrEqual(limit);
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 100) expect.fail('paging did not end after 100 pages');
  } while (cursor !== undefined);
  return { items: pages.flatMap((page) => [...page.items]), pages };
}
