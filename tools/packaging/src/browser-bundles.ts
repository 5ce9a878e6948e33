import type { PackedContents } from './packed-package';

/** A JavaScript file that a package exports as a plain file, for a `<script type="module">` rather than a bundler. */
export interface BrowserBundle {
  /** The `exports` key it is reached by (`./billfold-elements.js`, `./browser/*`). */
  readonly subpath: string;
  /** The file, relative to the package folder (`dist/billfold-elements.js`). */
  readonly file: string;
  /** The other packages it imports by name (`lit`): none, when the bundle is self-contained. */
  readonly importsPackages: readonly string[];
}

/**
 * `import "x"`, `import("x")` and `… from "x"`, minified or not (a specifier in a variable is not seen). The keyword
 * stands alone (not the end of `window-from"` or `Array.from`), and a specifier holds no spaces, commas or braces, so
 * minified text between two strings is never taken for one.
 */
const IMPORT_SPECIFIER = /(?<![\w$.-])(?:import\s*\(\s*|import\s*|from\s*)(["'])([^"'\s,{}()]+)\1/g;

/** Whether a specifier names another package: not a file beside it (`./chunk-A.js`, `/x.js`) nor a URL. */
const namesPackage = (specifier: string) => !/^(?:\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(specifier);

/** The packages a JavaScript module imports by name, in the order it names them, each once. */
export function importedPackages(code: string): string[] {
  const specifiers = [...code.matchAll(IMPORT_SPECIFIER)].map((match) => match[2] as string);
  return [...new Set(specifiers.filter(namesPackage))];
}

/**
 * The JavaScript files a packed package exports as plain files (a string `exports` target, or a `*` pattern), with
 * the packages each imports. A browser package ships such scripts for pages without a bundler (the elements'
 * `./billfold-elements.js` and `./browser/*`): they have no types, which is right only if they are self-contained,
 * for a browser cannot resolve `import 'lit'`.
 */
export function browserBundles(packed: PackedContents): BrowserBundle[] {
  const exportsMap = (packed.manifest.exports ?? {}) as Record<string, unknown>;
  const root = `/node_modules/${packed.manifest.name}/`;
  return Object.entries(exportsMap).flatMap(([subpath, target]) => {
    if (typeof target !== 'string') return [];
    const [head = '', tail = ''] = target.replace(/^\.\//, '').split('*');
    const pattern = target.includes('*');
    return packed.files
      .filter((file) => (pattern ? file.startsWith(head) && file.endsWith(tail) : file === head))
      .filter((file) => /\.m?js$/.test(file))
      .map((file) => ({ subpath, file, importsPackages: importedPackages(packed.attwPackage.readFile(root + file)) }));
  });
}

/** Browser bundles that are not self-contained, as sentences: a script a page cannot load without a bundler. */
export function browserBundleProblems(packed: PackedContents): string[] {
  return browserBundles(packed)
    .filter((bundle) => bundle.importsPackages.length > 0)
    .map(
      (bundle) =>
        `exports ${bundle.subpath}: ${bundle.file} is exported as a plain file but imports ${bundle.importsPackages.join(', ')} ` +
        '(a script for the browser must be self-contained; a module for bundlers needs types and ESM conditions)',
    );
}
