import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'money/index': 'src/money/index.ts',
    'pricing/index': 'src/pricing/index.ts',
    'periods/index': 'src/periods/index.ts',
    'tax/index': 'src/tax/index.ts',
    'invoice/index': 'src/invoice/index.ts',
    'format/index': 'src/format/index.ts',
    'errors/index': 'src/errors/index.ts',
    'payments/index': 'src/payments/index.ts',
    'reconciliation/index': 'src/reconciliation/index.ts',
    'protection/index': 'src/protection/index.ts',
  },
  format: ['esm'],
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
