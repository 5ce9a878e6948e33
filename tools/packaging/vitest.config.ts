import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(
  billfoldVitest,
  defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      // packed.test.ts builds every package, packs it, installs the tarballs and compiles a project with them.
      testTimeout: 300_000,
      hookTimeout: 600_000,
    },
  }),
);
