// The custom-elements manifest (dist/custom-elements.json) comes from the elements' doc headers at build time.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
};
