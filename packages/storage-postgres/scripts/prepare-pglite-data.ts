/**
 * `pnpm --filter @billfold/storage-postgres prepare-pglite-data` (also the second step of `build`): writes the
 * prepared PGlite data directories a new embedded database starts from, unless the installed PGlite and these
 * migrations already made them.
 */
import { INITIAL_DATA_FILES } from '../src/pglite-initial-data';
import { writePGliteInitialData } from './pglite-data-writer';

const { written, bytes, migratedBytes } = await writePGliteInitialData();
console.log(
  `${INITIAL_DATA_FILES.tarball.pathname}: ${bytes} bytes, ${INITIAL_DATA_FILES.migratedTarball.pathname}: ${migratedBytes} bytes${written ? '' : ' (already prepared)'}`,
);
