import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', demo: 'src/demo/index.ts' },
  format: ['esm'],
  // An executable, not a library: no declarations to publish.
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
});
