import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The two implementations behind the `#platform` import (see package.json "imports").
    'platform.node': 'src/pdf/platform.node.ts',
    'platform.browser': 'src/pdf/platform.browser.ts',
  },
  format: ['esm'],
  dts: { compilerOptions: { composite: false } },
  external: ['#platform'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
