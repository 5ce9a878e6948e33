import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The two implementations behind the `#default-fonts` import (see package.json "imports").
    'default-fonts.node': 'src/pdf/default-fonts.node.ts',
    'default-fonts.browser': 'src/pdf/default-fonts.browser.ts',
  },
  format: ['esm'],
  dts: { compilerOptions: { composite: false } },
  external: ['#default-fonts'],
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
