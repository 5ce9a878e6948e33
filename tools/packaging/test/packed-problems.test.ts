import { describe, expect, it } from 'vitest';
import { packedProblems } from '../src/packed-problems';

const lockstep = { version: '1.2.0', names: new Set(['@billfold/core', '@billfold/documents']) };
const files = ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'fonts/A-Regular.ttf'];
const clean = {
  name: '@billfold/documents',
  version: '1.2.0',
  types: './dist/index.d.ts',
  exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './fonts/*': './fonts/*' },
  dependencies: { '@billfold/core': '1.2.0', 'pdf-lib': '1.17.1' },
};

describe('packedProblems', () => {
  it('finds nothing wrong with a clean package', () => {
    expect(packedProblems(clean, files, lockstep)).toEqual([]);
  });

  it('names a workspace: specifier left in, and an internal dependency off the released version', () => {
    const manifest = {
      ...clean,
      dependencies: { '@billfold/core': 'workspace:*' },
      peerDependencies: { '@billfold/documents': '1.1.0' },
    };
    expect(packedProblems(manifest, files, lockstep)).toEqual([
      'dependencies.@billfold/core is still "workspace:*"',
      'peerDependencies.@billfold/documents is "1.1.0", not the released version 1.2.0',
    ]);
  });

  it('names a version out of lockstep', () => {
    expect(packedProblems({ ...clean, version: '1.1.9' }, files, lockstep)).toEqual([
      'version is 1.1.9, the other packages are at 1.2.0',
    ]);
  });

  it('names the repository-only source condition and paths with no file behind them', () => {
    const manifest = {
      ...clean,
      exports: {
        '.': { '@billfold/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' },
        './money': { types: './dist/money/index.d.ts', import: './dist/money/index.js' },
        './icons/*': './icons/*',
      },
      imports: { '#platform': { node: './dist/platform.node.js' } },
      bin: { billfold: './dist/cli.js' },
    };
    expect(packedProblems(manifest, files, lockstep)).toEqual([
      'exports [".","@billfold/source"] is a repository-only condition (it must be dropped when packing)',
      'exports ["./money","types"] points at ./dist/money/index.d.ts, which is not in the package',
      'exports ["./money","import"] points at ./dist/money/index.js, which is not in the package',
      'exports ["./icons/*"] points at ./icons/*, which is not in the package',
      'imports ["#platform","node"] points at ./dist/platform.node.js, which is not in the package',
      'bin ["billfold"] points at ./dist/cli.js, which is not in the package',
    ]);
  });

  it('names missing README and LICENSE, and files that are not for users', () => {
    const shipped = [
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/money.test.js',
      'src/index.ts',
      'x.tsbuildinfo',
      'fonts/A-Regular.ttf',
    ];
    expect(packedProblems(clean, shipped, lockstep)).toEqual([
      'README.md is missing',
      'LICENSE is missing',
      'dist/money.test.js is not for users (tests, TypeScript sources and build info stay in the repository)',
      'src/index.ts is not for users (tests, TypeScript sources and build info stay in the repository)',
      'x.tsbuildinfo is not for users (tests, TypeScript sources and build info stay in the repository)',
    ]);
  });
});
