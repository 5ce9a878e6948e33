/**
 * The vitest settings every package shares: resolve `@billfold/*` to TypeScript sources (the `@billfold/source`
 * export condition) in both the client and the server (SSR) environment, where tests run.
 */
import { defineConfig } from 'vitest/config';
/** Export conditions that point `@billfold/*` imports at `src/`. */
export const sourceConditions = ['@billfold/source'];
/** Base config to merge with a package's own (`mergeConfig(billfoldVitest, …)`). */
export const billfoldVitest = defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    // Type-check output (`.tsbuild/`) and bundles hold compiled copies of the tests: never run those.
    test: { exclude: ['**/node_modules/**', '**/.tsbuild/**', '**/dist/**'] },
});
