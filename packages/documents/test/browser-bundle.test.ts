import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Bundles the package as a browser app would (the `browser` condition), without writing files. */
async function bundle(platform: 'browser' | 'node') {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    conditions: ['@billfold/source'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

describe('browser bundle', () => {
  it('takes the browser platform module and no node:* module', async () => {
    const { code, inputs } = await bundle('browser');
    expect(inputs.some((input) => input.endsWith('pdf/platform.browser.ts'))).toBe(true);
    expect(inputs.some((input) => input.endsWith('pdf/platform.node.ts'))).toBe(false);
    expect(code).not.toMatch(/from\s*"node:|require\("node:/);
    // pdf-lib, fontkit and zod are most of it; a ceiling catches an accidental heavy import
    expect(code.length).toBeLessThan(2_500_000);
  });

  it('takes the Node platform module in Node', async () => {
    const { inputs } = await bundle('node');
    expect(inputs.some((input) => input.endsWith('pdf/platform.node.ts'))).toBe(true);
  });
});
