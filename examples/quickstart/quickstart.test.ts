import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the README quickstart', () => {
  it('prints the invoice computed by hand in the README', () => {
    const out = execFileSync('pnpm', ['exec', 'tsx', '--conditions=@billfold/source', 'quickstart.ts'], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    // 29.00 − 10 % = 26.10; 22.69 usage; VAT 4.96 + 4.31 = 9.27; total 51.69 − 2.90 + 9.27 = 58.06
    expect(out).toMatch(/Subtotal\s+51,69\s€/);
    expect(out).toMatch(/Discount\s+2,90\s€/);
    expect(out).toMatch(/VAT 19 %\s+9,27\s€/);
    expect(out).toMatch(/Total\s+58,06\s€/);
    // A child process compiling TypeScript with tsx: ~2 s alone, over 5 s on a busy machine. A hang guard, not a speed check.
  }, 60_000);
});
