import type { Invoice, RunCycleSummary } from '@billfold/core';
import { expect } from 'vitest';
import { periodKey } from './engine-scenario';

/**
 * Checks the invoice numbers: every finalized invoice has one, no two share one, and each sequence runs
 * 1, 2, 3 … without gaps. Returns how many numbers each sequence holds.
 */
export function expectGaplessNumbers(invoices: readonly Invoice[]): Record<string, number> {
  const bySequence = new Map<string, number[]>();
  for (const invoice of invoices) {
    if (invoice.status === 'draft') continue;
    expect(invoice.number, `invoice ${invoice.id} has a number`).toBeDefined();
    const number = invoice.number as string;
    expect(number.startsWith(`${invoice.sequence}-`), number).toBe(true);
    const values = bySequence.get(invoice.sequence) ?? [];
    values.push(Number(number.slice(invoice.sequence.length + 1)));
    bySequence.set(invoice.sequence, values);
  }
  const counts: Record<string, number> = {};
  for (const [sequence, values] of bySequence) {
    values.sort((a, b) => a - b);
    expect(values, `numbers of ${sequence}`).toEqual(values.map((_, i) => i + 1));
    counts[sequence] = values.length;
  }
  return counts;
}

/** Checks that no two invoices bill the same subscription period. */
export function expectOneInvoicePerPeriod(invoices: readonly Invoice[]): void {
  const cycle = invoices.filter(
    (i) => i.billingReason === 'subscription_create' || i.billingReason === 'subscription_cycle',
  );
  const keys = cycle.map(periodKey);
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  expect(repeated, 'subscription periods billed twice').toEqual([]);
}

/** Checks a run's summary: nothing failed, and its counts. */
export function expectCleanRun(summary: RunCycleSummary): void {
  expect(summary.errors, JSON.stringify(summary.errors[0])).toEqual([]);
  expect(summary.stoppedEarly).toBe(false);
}
