import { defineConfig, mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(billfoldVitest, defineConfig({ test: { include: ['test/**/*.test.ts'] } }));
