// Size budgets, checked by `pnpm test` after the build (size-limit measures the built files, gzip).
// The portal's first load is what dist/browser/portal.js fetches before it runs (listed by the build): Lit, ky, the
// portal and its overview; each section's code loads when the section opens.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const firstLoad = JSON.parse(readFileSync(join(__dirname, 'dist/browser/initial-files.json'), 'utf8'));

module.exports = [
  {
    name: '<billing-portal> first load with Lit and ky (dist/browser/portal.js and its imports)',
    path: firstLoad.map((file) => `dist/browser/${file}`),
    limit: '25 KB',
    gzip: true,
  },
  {
    // 40 KB until the invoice list's row window came in (1.3 KB gzip, 40.65 KB in all); the portal's first load is unchanged.
    name: 'every element in one file (dist/billfold-elements.js)',
    path: 'dist/billfold-elements.js',
    limit: '41 KB',
    gzip: true,
  },
];
