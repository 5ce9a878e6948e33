/**
 * Builds @billfold/elements:
 * - `dist/index.js`, `dist/define.js`, `dist/portal.js`: ESM for bundlers (Lit, ky and core left as imports, so a page
 *   has one copy of Lit);
 * - `dist/browser/`: the same entries self-contained for a plain `<script type="module">` from any server, split so
 *   that `<billing-portal>` loads its sections' code when they open (`initial-files.json` lists what the portal's
 *   first load fetches: the size budget's subject);
 * - `dist/billfold-elements.js`: everything in one file (registers every tag, exports every class);
 * - declarations (tsup) and `dist/custom-elements.json` (the analyzer reads the elements' doc headers).
 * Fails when anything that must stay out of the browser (zod, decimal.js, date-fns, documents, pdf-lib, server code)
 * puts code into an output.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const FORBIDDEN = [
  /node_modules\/zod\//,
  /decimal\.js/,
  /date-fns/,
  /@billfold\/documents|packages\/documents\//,
  /pdf-lib/,
  /packages\/server\//,
];

/** Fails when a forbidden module put code into an output (read but tree-shaken away is fine). */
function checkInputs(name: string, metafile: Metafile): void {
  const used = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  const bad = used.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)));
  if (bad.length > 0) throw new Error(`${name} bundles what must stay out of the browser:\n  ${bad.join('\n  ')}`);
}

/**
 * Indentation inside Lit's html`` and css`` templates is shipped verbatim by esbuild's minifier. A newline and the
 * indentation after it become a newline and one space in the elements' sources: the same whitespace to HTML, CSS and
 * JavaScript (a newline stays where automatic semicolon insertion may need it).
 */
const squeezeIndentation: Plugin = {
  name: 'squeeze-indentation',
  setup(builder) {
    builder.onLoad({ filter: /packages\/elements\/src\/.*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/\n[ \t]+/g, '\n '),
      loader: 'ts',
    }));
  },
};

const common: BuildOptions = {
  plugins: [squeezeIndentation],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  conditions: ['@billfold/source'],
  metafile: true,
  legalComments: 'none',
  sourcemap: true,
};
const entries = {
  index: join(root, 'src/index.ts'),
  define: join(root, 'src/define.ts'),
  portal: join(root, 'src/define-portal.ts'),
};

/** The files a page fetches before `entry` runs: the entry and its static imports, recursively. */
function initialFiles(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entry);
  return [...seen];
}

const gzipKb = (files: readonly string[]) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(root, file))).byteLength, 0) / 1024;

rmSync(dist, { recursive: true, force: true });

const forBundlers = await build({
  ...common,
  entryPoints: entries,
  outdir: dist,
  splitting: true,
  external: ['lit', 'lit/*', '@lit/*', 'ky', '@billfold/core', '@billfold/core/*'],
});
checkInputs('dist/*.js', forBundlers.metafile as Metafile);

const forBrowsers = await build({
  ...common,
  entryPoints: entries,
  outdir: join(dist, 'browser'),
  splitting: true,
  minify: true,
});
const browserMeta = forBrowsers.metafile as Metafile;
checkInputs('dist/browser/*.js', browserMeta);
const portalFirstLoad = initialFiles(browserMeta, 'dist/browser/portal.js');
writeFileSync(
  join(dist, 'browser', 'initial-files.json'),
  JSON.stringify(portalFirstLoad.map((file) => relative('dist/browser', file))),
);

const single = await build({
  ...common,
  stdin: {
    contents: "import './src/define';\nexport * from './src/index';\n",
    resolveDir: root,
    sourcefile: 'billfold-elements.ts',
    loader: 'ts',
  },
  outfile: join(dist, 'billfold-elements.js'),
  minify: true,
});
checkInputs('dist/billfold-elements.js', single.metafile as Metafile);

execFileSync('tsup', [], { cwd: root, stdio: 'inherit' });
execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
  cwd: root,
  stdio: 'inherit',
});

console.log(
  [
    'built dist/:',
    `  <billing-portal> first load (dist/browser, ${portalFirstLoad.length} files): ${gzipKb(portalFirstLoad).toFixed(1)} KB gzip`,
    `  every element in one file (dist/billfold-elements.js): ${gzipKb(['dist/billfold-elements.js']).toFixed(1)} KB gzip`,
  ].join('\n'),
);
