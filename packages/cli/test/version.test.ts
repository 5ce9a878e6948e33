import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

describe('cliVersion', () => {
  const folder = mkdtempSync(join(tmpdir(), 'billfold-version-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is the version in the package.json one folder up (what a release wrote), not a constant', async () => {
    mkdirSync(join(folder, 'dist'));
    copyFileSync(new URL('../src/cli-version.ts', import.meta.url), join(folder, 'dist', 'cli-version.ts'));
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'billfold', version: '3.14.159' }));
    const { cliVersion } = await import(pathToFileURL(join(folder, 'dist', 'cli-version.ts')).href);
    expect(cliVersion()).toBe('3.14.159');
  });
});
