import { expect, it } from 'vitest';
import type { KitContext } from '../kit-context';

/** Suite `invoiceNumbers`: `reserveNumbers` is gapless from 1, per sequence, and safe under concurrency. */
export function invoiceNumbersSuite(kit: KitContext): void {
  it('starts each sequence at 1 and continues after the numbers reserved', async () => {
    const { invoices } = kit.storage();
    expect(await invoices.reserveNumbers('INV-2026', 3)).toBe(1);
    expect(await invoices.reserveNumbers('INV-2026', 2)).toBe(4);
    expect(await invoices.reserveNumbers('INV-2026', 1)).toBe(6);
  });

  it('keeps sequences apart', async () => {
    const { invoices } = kit.storage();
    expect(await invoices.reserveNumbers('INV', 5)).toBe(1);
    expect(await invoices.reserveNumbers('CRN', 1)).toBe(1);
    expect(await invoices.reserveNumbers('inv', 1)).toBe(1);
    expect(await invoices.reserveNumbers('INV', 1)).toBe(6);
    expect(await invoices.reserveNumbers('CRN', 2)).toBe(2);
  });

  it('concurrent reservations get distinct numbers with no gap', async () => {
    const { invoices } = kit.storage();
    const firsts = await Promise.all(Array.from({ length: 10 }, () => invoices.reserveNumbers('INV', 1)));
    expect([...firsts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reservations in concurrent transactions get disjoint ranges with no gap', async () => {
    const storage = kit.storage();
    const firsts = await Promise.all(
      Array.from({ length: 5 }, () => storage.transaction((session) => session.invoices.reserveNumbers('INV', 2))),
    );
    expect([...firsts].sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9]);
    expect(await storage.invoices.reserveNumbers('INV', 1)).toBe(11);
  });

  it('a rolled-back transaction gives its numbers back', async () => {
    const storage = kit.storage();
    expect(await storage.invoices.reserveNumbers('INV', 2)).toBe(1);
    const boom = new Error('boom');
    await expect(
      storage.transaction(async (session) => {
        expect(await session.invoices.reserveNumbers('INV', 5)).toBe(3);
        expect(await session.invoices.reserveNumbers('NEW', 1)).toBe(1);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.invoices.reserveNumbers('INV', 1)).toBe(3);
    expect(await storage.invoices.reserveNumbers('NEW', 1)).toBe(1);
  });
}
