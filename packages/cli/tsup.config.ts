import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', demo: 'src/demo/index.ts' },
  format: ['esm'],
  // The command is an executable; `billfold/demo` is a module other code imports, so it gets declarations.
  dts: { entry: { demo: 'src/demo/index.ts' }, compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
});
