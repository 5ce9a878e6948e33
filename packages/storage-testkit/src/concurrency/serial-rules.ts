import { expect } from 'vitest';
import { EventLog, hold, roundTrips } from './overlap';
import type { ConcurrencyRule } from './rule';

/** The rule an adapter that declares `serial` transactions keeps instead of real locks. */
export const serialRules: readonly ConcurrencyRule[] = [
  {
    name: 'transactions run one at a time: the work of a second one starts only once the first has ended',
    modes: ['serial'],
    async check(storage) {
      const log = new EventLog();
      const first = hold(storage, async () => log.note('first works'));
      await first.holding;
      const second = storage.transaction(async () => log.note('second works'));
      await roundTrips(await first.session);
      log.note('first ends');
      first.end();
      await first.ended;
      await second;
      expect(log.events, 'the second transaction ran while the first was open').toEqual([
        'first works',
        'first ends',
        'second works',
      ]);
    },
  },
];
