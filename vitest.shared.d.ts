/** Export conditions that point `@billfold/*` imports at `src/`. */
export declare const sourceConditions: string[];
/** Base config to merge with a package's own (`mergeConfig(billfoldVitest, …)`). */
export declare const billfoldVitest: import("vite").UserConfig;
