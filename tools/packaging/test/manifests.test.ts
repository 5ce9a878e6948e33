import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Manifest, publishablePackages, readJson, repoRoot, tarballName } from '../src/workspace';

const root = readJson<Manifest & { repository: { url: string }; engines: { node: string } }>(
  join(repoRoot, 'package.json'),
);
const packages = publishablePackages();
const names = new Set(packages.map((pkg) => pkg.manifest.name));
const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest]));

/** Whether git ignores `path` (a file the build writes, never committed). */
const ignoredByGit = (path: string) =>
  spawnSync('git', ['check-ignore', '--quiet', `${path}/`], { cwd: repoRoot }).status === 0;

/** The Billfold packages a package depends on directly. */
const internalDependencies = (name: string) =>
  ['dependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) =>
    Object.keys((byName.get(name)?.[field] ?? {}) as object).filter((dependency) => names.has(dependency)),
  );

/** The Billfold packages named, with everything they depend on, transitively. */
function withInternalDependencies(wanted: Iterable<string>): Set<string> {
  const needed = new Set<string>();
  const add = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of internalDependencies(name)) add(dependency);
  };
  for (const name of wanted) add(name);
  return needed;
}

/** The package each `.packed/<file>.tgz` is, by file name. */
const packageOfTarball = new Map(packages.map((pkg) => [tarballName(pkg.manifest.name), pkg.manifest.name]));
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
      // Built output may be absent on a fresh checkout: `dist`, and what the package's build writes beside it (git
      // ignores it; storage-postgres' prepared PGlite data). The packed checks find it in the tarball.
      expect(
        existsSync(join(dir, entry)) || entry === 'dist' || ignoredByGit(join(dir, entry)),
        `files: ${entry} does not exist`,
      ).toBe(true);
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
      // A package without a main entry (the CLI: a bin, and `billfold/demo`) has no top-level `types` either.
      const main = exportsMap['.'] as ExportTarget | undefined;
      expect(manifest.types).toBe(main?.types);
      for (const [subpath, target] of Object.entries(exportsMap)) {
        // A plain file export: data (`./fonts/*`, `./custom-elements.json`) or a self-contained browser bundle for
        // a `<script type="module">` (`./billfold-elements.js`, `./browser/*`), built from no one entry source and
        // with no types of its own; the packed check makes sure such a script imports no other package.
        if (typeof target === 'string') continue;
        expect(Object.keys(target), subpath).toEqual(['@billfold/source', 'types', 'import']);
        expect(existsSync(join(dir, target['@billfold/source'] as string)), `${subpath} source`).toBe(true);
        expect(target.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(target.import).toBe((target.types as string).replace(/\.d\.ts$/, '.js'));
      }
    },
  );

  it('lets bundlers drop every module but those that do something on import (`sideEffects`)', () => {
    // `false`, so that importing one function costs only that function. A package whose entry points act when
    // imported lists exactly those modules instead, or bundlers would drop `import '@billfold/elements/define'`
    // (it registers the custom elements): entry points that register (their built file and, for the repository's
    // bundlers, their source) and files of a plain file export (the browser bundles' registering entries). The main
    // entry stays free of side effects.
    if (manifest.sideEffects === false) return;
    const listed = manifest.sideEffects as string[];
    expect(Array.isArray(listed), 'sideEffects is false or a list').toBe(true);
    const entries = Object.entries(exportsMap)
      .filter(([subpath, target]) => subpath !== '.' && typeof target !== 'string')
      .map(([, target]) => [(target as ExportTarget)['@billfold/source'], (target as ExportTarget).import]);
    const modules = new Set(entries.flat());
    const files = Object.values(exportsMap).filter((target): target is string => typeof target === 'string');
    const inFileExport = (module: string) =>
      /\.m?js$/.test(module) &&
      files.some((file) => (file.includes('*') ? module.startsWith(file.split('*')[0] as string) : module === file));
    for (const module of listed) {
      expect(modules.has(module) || inFileExport(module), `sideEffects: ${module} is no entry point`).toBe(true);
    }
    // An entry point's source and built file act alike: both listed, or neither.
    for (const [source, built] of entries) {
      expect(listed.includes(source as string), `sideEffects: ${source} beside ${built}`).toBe(
        listed.includes(built as string),
      );
    }
  });

  it('has a README that says it is ESM only and how to install it today', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/ESM only/);
    expect(readme).toContain('docs/installing.md');
  });
});

describe('examples/consumer-strict', () => {
  it('points pnpm at a tarball for every Billfold package its packages depend on (pnpm.overrides)', () => {
    const manifest = readJson<Manifest>(join(repoRoot, 'examples', 'consumer-strict', 'package.json'));
    const installed = Object.keys({ ...(manifest.dependencies as object), ...(manifest.devDependencies as object) });
    const overrides = (manifest.pnpm as { overrides: Record<string, string> }).overrides;
    const dependedOn = new Set(
      [...withInternalDependencies(installed.filter((name) => names.has(name)))].flatMap(internalDependencies),
    );
    expect(dependedOn).toContain('@billfold/core');
    for (const name of dependedOn) expect(overrides[name], name).toBe(`file:../../.packed/${tarballName(name)}`);
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

  it.each(documents)('%s installs tarballs together with every Billfold package they depend on', (file) => {
    // npm takes a package's `@billfold/*` dependencies from the tarballs named in the same command, or else
    // from the registry, where they are not: each command must name them all.
    const commands = readFileSync(join(repoRoot, file), 'utf8')
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => /\bnpm install\b/.test(line) && line.includes('.packed/'));
    for (const command of commands) {
      const named = [...command.matchAll(/\.packed\/([\w.-]+\.tgz)/g)].map((match) => {
        const name = packageOfTarball.get(match[1] as string);
        expect(name, `${match[1]} is no package's tarball`).toBeDefined();
        return name as string;
      });
      expect([...withInternalDependencies(named)].sort(), command).toEqual([...new Set(named)].sort());
    }
  });

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
