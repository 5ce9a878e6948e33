import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Manifest, publishablePackages, readJson, repoRoot } from '../src/workspace';

const root = readJson<Manifest & { repository: { url: string }; engines: { node: string } }>(
  join(repoRoot, 'package.json'),
);
const packages = publishablePackages();
const names = new Set(packages.map((pkg) => pkg.manifest.name));
type ExportTarget = Record<string, string>;

describe('the packages published from packages/', () => {
  it('are found by folder, not by a list', () => {
    expect(packages.map((pkg) => pkg.path)).toEqual(
      readdirSync(join(repoRoot, 'packages'))
        .map((folder) => `packages/${folder}`)
        .filter((path) => names.has(readJson<Manifest>(join(repoRoot, path, 'package.json')).name)),
    );
    expect(names).toContain('@billfold/core');
    expect(names).toContain('billfold');
  });

  it('ship under the MIT licence of the repository LICENSE file', () => {
    const licence = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    expect(licence.split('\n')[0]).toBe('MIT License');
    expect(licence).toMatch(/^Copyright \(c\) \d{4} Billfold contributors$/m);
    expect(root.license).toBe('MIT');
  });
});

describe.each(packages.map((pkg) => [pkg.path, pkg] as const))('%s/package.json', (path, { dir, manifest }) => {
  const exportsMap = (manifest.exports ?? {}) as Record<string, ExportTarget | string>;
  const isLibrary = manifest.exports !== undefined;

  it('names its licence, repository folder, Node engine and module type like every other package', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ type: 'git', url: root.repository.url, directory: path });
    expect(manifest.engines).toEqual({ node: root.engines.node });
    expect(manifest.type).toBe('module');
    expect(manifest.version).toBe(packages[0]?.manifest.version);
  });

  it('publishes only built files (and what they read at run time)', () => {
    const files = manifest.files as string[];
    expect(files).toContain('dist');
    for (const entry of files) {
      expect(entry, `files: ${entry}`).not.toMatch(/^(src|test|bench)\b/);
      expect(existsSync(join(dir, entry)) || entry === 'dist', `files: ${entry} does not exist`).toBe(true);
    }
  });

  it('depends on the other Billfold packages through the workspace (pnpm pack writes the released version)', () => {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [name, spec] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
        if (names.has(name)) expect(`${field}.${name}: ${spec}`).toBe(`${field}.${name}: workspace:*`);
      }
    }
  });

  it.runIf(isLibrary)(
    'exports each entry point as types first, then ESM, with the TypeScript source for the repository',
    () => {
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.types).toBe((exportsMap['.'] as ExportTarget).types);
      for (const [subpath, target] of Object.entries(exportsMap)) {
        if (typeof target === 'string') continue; // a plain file export (`./fonts/*`)
        expect(Object.keys(target), subpath).toEqual(['@billfold/source', 'types', 'import']);
        expect(existsSync(join(dir, target['@billfold/source'] as string)), `${subpath} source`).toBe(true);
        expect(target.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(target.import).toBe((target.types as string).replace(/\.d\.ts$/, '.js'));
      }
    },
  );

  it('has a README that says it is ESM only and how to install it today', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/ESM only/);
    expect(readme).toContain('docs/installing.md');
  });
});

describe('the docs', () => {
  const documents = [
    'README.md',
    ...readdirSync(join(repoRoot, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `docs/${file}`),
    ...['packages', 'examples', 'tools'].flatMap((folder) =>
      readdirSync(join(repoRoot, folder))
        .map((name) => `${folder}/${name}/README.md`)
        .filter((file) => existsSync(join(repoRoot, file))),
    ),
  ];

  it.each(documents)(
    '%s tells no one to install a Billfold package from the registry (none is published yet)',
    (file) => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const fromRegistry =
        /\b(npm (?:i|install|add)|pnpm add|yarn add|npx(?! --no\b)|pnpm dlx)\b[^\n`]*?(?<![\w./-])(@billfold\/[\w-]+|billfold)(?![\w./-]|\.tgz)/g;
      expect([...text.matchAll(fromRegistry)].map((match) => match[0])).toEqual([]);
    },
  );
});
