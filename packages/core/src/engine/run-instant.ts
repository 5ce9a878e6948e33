import { BillingError, BillingErrorCode } from '../errors/billing-error';
import type { EngineContext } from './context';

const DAY_MS = 86_400_000;

/**
 * The instant a run works up to (a billing run, a collections run, a dispatch): `requested`, or the clock's now.
 * A run may look ahead of the clock by at most the engine's `runHorizonDays`, so no argument makes it bill or
 * collect far into the future.
 * @throws BillingError `invalid_input` at `["options", "now"]` beyond the horizon.
 */
export function runInstant(ctx: EngineContext, requested: string | undefined): string {
  const clockNow = ctx.clock.now();
  if (requested === undefined) return clockNow.toISOString();
  const horizon = clockNow.getTime() + ctx.config.runHorizonDays * DAY_MS;
  if (Date.parse(requested) > horizon) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Invalid options.now: ${requested} is more than ${ctx.config.runHorizonDays} days (the engine's runHorizonDays) after the clock's now, ${clockNow.toISOString()}`,
      { path: ['options', 'now'] },
    );
  }
  return requested;
}
