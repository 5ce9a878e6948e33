/**
 * `pnpm --filter @billfold/storage-postgres prepare-pglite-data` (also the second step of `build`): writes the
 * prepared PGlite data directory a new embedded database starts from, unless the installed PGlite already made it.
 */
import { INITIAL_DATA_FILES } from '../src/pglite-initial-data';
import { writePGliteInitialData } from './pglite-data-writer';

const { written, bytes } = await writePGliteInitialData();
console.log(`${INITIAL_DATA_FILES.tarball.pathname}: ${bytes} bytes${written ? '' : ' (already prepared)'}`);
