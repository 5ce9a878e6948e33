import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackedPackages } from '../src/check-packed';
import { buildPackages, type PackedPackage, packPackages } from '../src/pack';
import { readPackedPackage } from '../src/packed-package';
import { type ConsumerRun, runStrictConsumer } from '../src/strict-consumer';
import { publishablePackages, repoRoot } from '../src/workspace';

/*
 * What a release would publish, checked the way a user meets it: every package is built and packed once
 * (as `pnpm publish` packs it), then linted, and installed into the strict consumer project, compiled and run.
 */

const work = mkdtempSync(join(tmpdir(), 'billfold-packed-'));
let packed: PackedPackage[] = [];
let problems = new Map<string, string[]>();

beforeAll(async () => {
  buildPackages();
  packed = packPackages(join(work, 'packed'));
  problems = await checkPackedPackages(packed);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tarballOf = (name: string) => {
  const pkg = packed.find((candidate) => candidate.name === name);
  if (pkg === undefined) throw new Error(`${name} was not packed`);
  return pkg;
};

describe('every packed package', () => {
  it('is every publishable package, at one version', () => {
    expect(packed.map((pkg) => pkg.name)).toEqual(publishablePackages().map((pkg) => pkg.manifest.name));
    expect(new Set(packed.map((pkg) => pkg.version)).size).toBe(1);
  });

  it.each(publishablePackages().map((pkg) => [pkg.manifest.name]))(
    '%s: publint, are-the-types-wrong (ESM) and the packed manifest find nothing',
    (name) => {
      expect(problems.get(name)).toEqual([]);
    },
  );
});

describe('@billfold/documents, packed', () => {
  it('ships its fonts/ folder (only the faces it renders with, beside their licences), not whole font families', () => {
    const { files, sizes, manifest } = readPackedPackage(tarballOf('@billfold/documents').tarball);
    const folder = readdirSync(join(repoRoot, 'packages', 'documents', 'fonts')).map((file) => `fonts/${file}`);
    expect(files.filter((file) => file.startsWith('fonts/'))).toEqual(folder.sort());
    expect(files).toContain('fonts/NotoSansJP-Regular.ttf');
    const dependencies = Object.keys({
      ...(manifest.dependencies as object),
      ...(manifest.optionalDependencies as object),
    });
    expect(dependencies.filter((name) => /font/i.test(name) && name !== '@pdf-lib/fontkit')).toEqual([]);
    // Unpacked, the package is the three Noto faces (6.7 MB) and its code; the font packages it used to depend
    // on installed 62 MB (every weight of Noto Sans and Noto Sans JP).
    const unpacked = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    expect(unpacked).toBeGreaterThan(6_500_000);
    expect(unpacked).toBeLessThan(10_000_000);
  });
});

describe('the strict consumer project (examples/consumer-strict) over the tarballs', () => {
  let run: ConsumerRun;
  beforeAll(() => {
    run = runStrictConsumer(packed, join(work, 'consumer'));
  });

  it('compiles with skipLibCheck off and bills: a customer, a subscription, the renewal by runCycle, its PDF', () => {
    // 29.00 EUR a month with 19 % VAT: 5.51 tax, 34.51 total, on the sign-up invoice and on the renewal.
    expect(JSON.parse(run.output)).toEqual({
      first: { number: 'INV-2026-000001', total: '34.51' },
      run: { invoicesCreated: 1, totals: { EUR: '34.51' } },
      renewal: { number: 'INV-2026-000002', subtotal: '29.00', tax: '5.51', total: '34.51' },
      pdf: { file: 'INV-2026-000002.pdf', bytes: expect.any(Number) },
      badInput: { code: 'invalid_input', path: ['input', 'currency'] },
    });
    expect(readFileSync(run.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;
  it.runIf(pdftotext || process.env.CI)(
    'prints the Japanese name with the CJK font shipped in the installed package (needs pdftotext)',
    () => {
      const text = execFileSync('pdftotext', ['-layout', run.pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Müller & 山田 GmbH');
      expect(text).toContain('34,51');
    },
  );

  it('gets `billfold --version` from the installed CLI, equal to the packed version', () => {
    const version = execFileSync(join(run.dir, 'node_modules', '.bin', 'billfold'), ['--version'], {
      encoding: 'utf8',
    });
    expect(version.trim()).toBe(tarballOf('billfold').version);
  });
});
