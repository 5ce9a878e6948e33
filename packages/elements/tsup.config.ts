import { defineConfig } from 'tsup';

// Declarations only (build/build.ts bundles the JavaScript with esbuild).
export default defineConfig({
  entry: { index: 'src/index.ts', define: 'src/define.ts', portal: 'src/define-portal.ts' },
  format: ['esm'],
  dts: { only: true, compilerOptions: { composite: false } },
  clean: false,
  outDir: 'dist',
  target: 'es2022',
});
