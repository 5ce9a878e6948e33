import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the README "billing in a few lines" example', () => {
  it('bills January at sign-up and February in the run, and renders the first invoice as a PDF', () => {
    const pdfPath = join(mkdtempSync(join(tmpdir(), 'billfold-quickstart-')), 'invoice.pdf');
    const out = execFileSync('pnpm', ['exec', 'tsx', '--conditions=@billfold/source', 'billing.ts', pdfPath], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    // 39.00 flat, the customer's default status is taxable but no tax rates are set: total 39.00.
    expect(out).toMatch(/first invoice INV-2026-000001 total 39\.00 EUR; INV-2026-000001\.pdf \d+ bytes/);
    expect(out).toContain('run 2026-02-01T00:00:00.000Z: 1 invoice(s), {"EUR":"39.00"}');
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);
});
