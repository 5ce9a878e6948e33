import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserBundleProblems, browserBundles, importedPackages } from '../src/browser-bundles';
import { lintTarball } from '../src/lint-tarball';
import { type PackedContents, readPackedPackage } from '../src/packed-package';

const work = mkdtempSync(join(tmpdir(), 'billfold-bundles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Packs `files` (path → text) as `package/…` into a `.tgz`, the way `pnpm pack` lays a tarball out, and opens it. */
function packed(name: string, files: Record<string, string>): PackedContents {
  const dir = join(work, name, 'package');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const tarball = join(work, `${name}.tgz`);
  execFileSync('tar', ['-czf', tarball, '-C', join(work, name), 'package']);
  return readPackedPackage(tarball);
}

/** A browser package: a typed main entry, and one script exported as a plain file (`bundle` is its code). */
const browserPackage = (name: string, bundle: string) =>
  packed(name, {
    'package.json': JSON.stringify({
      name: `@example/${name}`,
      version: '1.0.0',
      license: 'MIT',
      type: 'module',
      sideEffects: ['./dist/all.js'],
      types: './dist/index.d.ts',
      exports: {
        '.': { types: './dist/index.d.ts', import: './dist/index.js' },
        './all.js': './dist/all.js',
        './browser/*': './dist/browser/*',
      },
    }),
    'README.md': '# example\n',
    LICENSE: 'MIT License\n',
    'dist/index.js': 'export const tag = "billing-example";\n',
    'dist/index.d.ts': 'export declare const tag: string;\n',
    'dist/all.js': bundle,
    'dist/browser/define.js': 'import{a as t}from"./chunk-A.js";customElements.define("billing-x",t);\n',
    'dist/browser/chunk-A.js': 'var a=class extends HTMLElement{};export{a};\n',
  });

describe('importedPackages', () => {
  it('names the packages a module imports statically or dynamically, minified or not, each once', () => {
    const code = [
      'import{LitElement as e}from"lit";',
      "import { html } from 'lit';",
      'import"@lit/task";',
      'export*from"./chunk-A.js";',
      'const m=await import("ky");',
      'const s=await import( "./section-B.js" );',
      'import x from "/assets/x.js";',
      'import y from "https://js.stripe.com/v3/";',
      'const text="Array.from";Array.from(list);',
      // A Lit property declared with `attribute:"window-from"`: the word before the quote is not the keyword.
      'static properties={windowFrom:{attribute:"window-from",type:Number},more:{state:!0}};this.mode="list";',
    ].join('\n');
    expect(importedPackages(code)).toEqual(['lit', '@lit/task', 'ky']);
  });

  it('finds nothing in a self-contained bundle', () => {
    expect(importedPackages('var a=class extends HTMLElement{};import.meta.url;export{a as BillingX};')).toEqual([]);
  });
});

describe('browser bundles in a packed package', () => {
  it('are the JavaScript files exported as plain files, single or by pattern, with what each imports', () => {
    const pkg = browserPackage('mixed', 'import{LitElement}from"lit";export{LitElement};\n');
    expect(browserBundles(pkg)).toEqual([
      { subpath: './all.js', file: 'dist/all.js', importsPackages: ['lit'] },
      { subpath: './browser/*', file: 'dist/browser/chunk-A.js', importsPackages: [] },
      { subpath: './browser/*', file: 'dist/browser/define.js', importsPackages: [] },
    ]);
  });

  it('need no types when self-contained: publint and attw find nothing', async () => {
    const pkg = browserPackage('self-contained', 'var a=class extends HTMLElement{};customElements.define("x-a",a);\n');
    expect(browserBundleProblems(pkg)).toEqual([]);
    expect(await lintTarball(pkg)).toEqual([]);
  });

  it('are a problem when they import another package, and attw still reports their missing types', async () => {
    const pkg = browserPackage('leaky', 'import{LitElement}from"lit";export{LitElement};\n');
    expect(browserBundleProblems(pkg)).toEqual([
      'exports ./all.js: dist/all.js is exported as a plain file but imports lit (a script for the browser must be ' +
        'self-contained; a module for bundlers needs types and ESM conditions)',
    ]);
    expect(await lintTarball(pkg)).toEqual([
      'attw UntypedResolution: {"kind":"UntypedResolution","entrypoint":"./all.js","resolutionKind":"node16-esm"}',
      'attw UntypedResolution: {"kind":"UntypedResolution","entrypoint":"./all.js","resolutionKind":"bundler"}',
    ]);
  });
});
