import { describe, expect, it } from 'vitest';
import { formatMeasuredSteps } from '../src/commands/run';

describe('billfold run: the per-step figures', () => {
  it('prints items, errors by code and passes × mean latency for each step, in the order recorded', () => {
    expect(
      formatMeasuredSteps([
        { area: 'run', step: 'batch', items: 3, errors: {}, passes: 2, seconds: 0.0123 },
        { area: 'invoicing', step: 'finalize', items: 5, errors: {}, passes: 2, seconds: 0.004 },
        { area: 'run', step: 'draft', items: 0, errors: { not_found: 1, invalid_state: 2 }, passes: 0, seconds: 0 },
      ]),
    ).toEqual([
      '  per step (items, errors by code, passes × mean latency)',
      '    run.batch            items 3     errors 0            2 × 6.2 ms',
      '    invoicing.finalize   items 5     errors 0            2 × 2.0 ms',
      '    run.draft            items 0     errors not_found 1, invalid_state 2 -',
    ]);
    expect(formatMeasuredSteps([])).toEqual([]);
  });
});
