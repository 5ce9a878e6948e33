import type { Manifest } from './workspace';

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;

/** Every path a conditional `exports`/`imports` target leads to, with the conditions on the way. */
function targets(value: unknown, conditions: string[] = []): { conditions: string[]; path: string }[] {
  if (typeof value === 'string') return [{ conditions, path: value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => targets(inner, [...conditions, key]));
}

/** Whether `pattern` (a `./path` that may hold one `*`) names at least one of `files`. */
function matchesSomeFile(pattern: string, files: ReadonlySet<string>): boolean {
  const relative = pattern.replace(/^\.\//, '');
  if (!relative.includes('*')) return files.has(relative);
  const [head = '', tail = ''] = relative.split('*');
  return [...files].some((file) => file.startsWith(head) && file.endsWith(tail));
}

/**
 * What is wrong with a packed package, as sentences: a manifest or a file list that a consumer would trip on.
 * Checks what publint and attw leave out: `workspace:` specifiers left unrewritten, internal dependencies
 * not at the released version (the packages version in lockstep), repository-only export conditions, a path in
 * `exports`, `imports`, `types` or `bin` with no file behind it, a missing README or LICENSE, and files
 * that are not for users (tests, TypeScript sources, build info).
 */
export function packedProblems(
  manifest: Manifest,
  files: readonly string[],
  lockstep: { readonly version: string; readonly names: ReadonlySet<string> },
): string[] {
  const problems: string[] = [];
  const fileSet = new Set(files);
  if (manifest.version !== lockstep.version) {
    problems.push(`version is ${manifest.version}, the other packages are at ${lockstep.version}`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = (manifest[field] ?? {}) as Record<string, string>;
    for (const [name, spec] of Object.entries(dependencies)) {
      if (spec.startsWith('workspace:')) problems.push(`${field}.${name} is still "${spec}"`);
      else if (lockstep.names.has(name) && spec !== lockstep.version) {
        problems.push(`${field}.${name} is "${spec}", not the released version ${lockstep.version}`);
      }
    }
  }
  const entries = [
    ...targets(manifest.exports).map((target) => ({ ...target, field: 'exports' })),
    ...targets(manifest.imports).map((target) => ({ ...target, field: 'imports' })),
    ...targets(manifest.types).map((target) => ({ ...target, field: 'types' })),
    ...targets(manifest.bin).map((target) => ({ ...target, field: 'bin' })),
  ];
  for (const { field, conditions, path } of entries) {
    const where = `${field} ${JSON.stringify(conditions)}`;
    if (conditions.some((condition) => condition.startsWith('@billfold/'))) {
      problems.push(`${where} is a repository-only condition (it must be dropped when packing)`);
    } else if (!matchesSomeFile(path, fileSet)) {
      problems.push(`${where} points at ${path}, which is not in the package`);
    }
  }
  for (const required of ['package.json', 'README.md', 'LICENSE']) {
    if (!fileSet.has(required)) problems.push(`${required} is missing`);
  }
  for (const file of files) {
    const typeScriptSource = /\.[mc]?tsx?$/.test(file) && !/\.d\.[mc]?ts$/.test(file);
    if (typeScriptSource || /\.test\.|\.tsbuildinfo$/.test(file)) {
      problems.push(`${file} is not for users (tests, TypeScript sources and build info stay in the repository)`);
    }
  }
  return problems;
}
