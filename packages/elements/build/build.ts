/**
 * Builds @billfold/elements: ESM for bundlers (`dist/index.js`, `dist/define.js`, Lit and ky left as imports), one
 * self-contained file for a plain `<script type="module">` (`dist/billfold-elements.js`: registers the tags and
 * exports the classes), TypeScript declarations, and the custom-elements manifest. Fails when anything that must
 * stay out of the browser (zod, decimal.js, date-fns, documents, pdf-lib, server code) reaches a bundle.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const FORBIDDEN = [/node_modules\/zod\//, /decimal\.js/, /date-fns/, /@billfold\/documents|packages\/documents\//, /pdf-lib/, /packages\/server\//];

function checkInputs(name: string, metafile: Metafile): void {
  const bad = Object.keys(metafile.inputs).filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)));
  if (bad.length > 0) throw new Error(`${name} bundles what must stay out of the browser:\n  ${bad.join('\n  ')}`);
}

rmSync(dist, { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  conditions: ['@billfold/source'],
  metafile: true,
  legalComments: 'none',
  sourcemap: true,
} as const;

// For bundlers: the package's entries, dependencies left to the host's bundler (one copy of Lit on the page).
const forBundlers = await build({
  ...common,
  entryPoints: { index: join(root, 'src/index.ts'), define: join(root, 'src/define.ts') },
  outdir: dist,
  splitting: true,
  external: ['lit', 'lit/*', '@lit/*', 'ky', '@billfold/core', '@billfold/core/*'],
});
checkInputs('dist/index.js', forBundlers.metafile);

// For a plain <script type="module">: everything in one minified file.
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
checkInputs('dist/billfold-elements.js', single.metafile);
writeFileSync(join(dist, 'billfold-elements.meta.json'), JSON.stringify(single.metafile));

// Declarations, then the manifest (the analyzer reads the sources' doc headers).
execFileSync('tsc', ['-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
execFileSync(
  join(root, 'node_modules/.bin/cem'),
  ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--outdir', '.'],
  { cwd: root, stdio: 'inherit' },
);

const bytes = (file: string) => {
  const output = single.metafile.outputs[file] ?? forBundlers.metafile.outputs[file];
  return output?.bytes ?? 0;
};
const singleFile = join(dist, 'billfold-elements.js');
const { readFileSync } = await import('node:fs');
const gzip = gzipSync(readFileSync(singleFile)).byteLength;
console.log(
  `built dist/: billfold-elements.js ${(bytes('dist/billfold-elements.js') / 1024).toFixed(1)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (Lit, ky and every element)`,
);
