import { parseFixed, rescale, roundFixed } from '../money/fixed';
import type { RoundingMode } from '../money/rounding-mode';

/**
 * A validated decimal string in major units as an integer count of minor units (`"19.99"` at scale 2 → 1999n),
 * rounded with `mode` when it has more decimals than `scale` (exact otherwise, trailing zeros included).
 * @internal
 */
export function toMinorUnits(text: string, scale: number, mode: RoundingMode): bigint {
  return rescale(roundFixed(parseFixed(text), scale, mode), scale);
}
