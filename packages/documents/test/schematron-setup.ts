import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EN16931_XSLT } from './schematron-paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled EN 16931 schematron (SaxonJS SEF file), or why there is none. */
    en16931Sef: { readonly path: string } | { readonly missing: string };
  }
}

/**
 * Where the compiled schematron is cached: the OS temp folder, keyed by the XSLT's hash, so it is compiled once
 * per machine and XSLT release and never lands in git.
 */
function cacheFile(xslt: string): string {
  const hash = createHash('sha256').update(readFileSync(xslt)).digest('hex').slice(0, 16);
  return join(tmpdir(), 'billfold-en16931', `EN16931-UBL-validation.${hash}.sef.json`);
}

/**
 * Vitest global setup: compiles the official EN 16931 UBL schematron (XSLT 2.0) to a SaxonJS SEF once per test
 * run with `xslt3` (20–35 s and about 600 MB the first time; later runs find it in the cache) and hands its path
 * to the tests through `inject('en16931Sef')`.
 */
export default function setup(project: TestProject): void {
  if (!existsSync(EN16931_XSLT)) {
    project.provide('en16931Sef', { missing: `the EN 16931 schematron is not at ${EN16931_XSLT}` });
    return;
  }
  const file = cacheFile(EN16931_XSLT);
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    const xslt3 = createRequire(import.meta.url).resolve('xslt3/xslt3.js');
    const result = spawnSync(
      process.execPath,
      [xslt3, `-xsl:${EN16931_XSLT}`, `-export:${partial}`, '-nogo', '-relocate:on'],
      { encoding: 'utf8' },
    );
    if (result.status !== 0 || !existsSync(partial)) {
      rmSync(partial, { force: true });
      throw new Error(`compiling the EN 16931 schematron failed: ${result.stderr || result.error?.message}`);
    }
    renameSync(partial, file); // atomic: a concurrent run sees the whole file or none
  }
  project.provide('en16931Sef', { path: file });
}
