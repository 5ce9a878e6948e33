import { expect, it } from 'vitest';
import { concurrencyRules } from '../concurrency/rules';
import type { KitContext } from '../kit-context';

/**
 * Suite `concurrency`: the locking rules of the storage contract, with several transactions open at once. Each
 * rule runs for the adapters whose declared `capabilities.transactions` it applies to and is skipped, saying
 * so, for the others.
 */
export function concurrencySuite(kit: KitContext): void {
  it('declares capabilities.transactions: serial or concurrent', () => {
    expect(['serial', 'concurrent']).toContain(kit.storage().capabilities.transactions);
  });
  for (const rule of concurrencyRules) {
    it(rule.name, async (context) => {
      const storage = kit.storage();
      const declared = storage.capabilities.transactions;
      if (!rule.modes.includes(declared)) {
        context.skip(`applies to ${rule.modes.join(' and ')} transactions; the adapter declares ${declared}`);
        return;
      }
      const reason = rule.unless?.(storage);
      if (reason !== undefined) {
        context.skip(reason);
        return;
      }
      await rule.check(storage);
    });
  }
}
