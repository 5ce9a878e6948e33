import { migrate, migrations } from '@billfold/storage-postgres';
import type { CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { describeTarget, openStorage, STORAGE_HELP, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import { ExitCode } from '../usage-error';

/** The help of `billfold migrate`. */
export const MIGRATE_HELP = `Usage: billfold migrate (--db URL | --db-file FILE | --data-dir DIR) [--schema NAME]

Brings the billing tables up to date: applies every migration the database has not seen yet, in one
transaction, and prints the versions applied. Safe to run again (and from several processes at once).

Options:
${STORAGE_HELP.join('\n')}
  -h, --help        this help`;

/**
 * `billfold migrate`: see {@link MIGRATE_HELP}.
 * @returns the exit code.
 */
export async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('migrate', args, STORAGE_OPTIONS);
  if (parsed.values.help) {
    io.out(MIGRATE_HELP);
    return ExitCode.ok;
  }
  const target = storageTarget('migrate', parsed, { required: true, io });
  const storage = await openStorage(target, { migrate: false });
  try {
    const { applied } = await migrate(storage.client, target.schema === undefined ? {} : { schema: target.schema });
    const name = (version: number) => migrations.find((m) => m.version === version)?.name ?? '';
    const latest = migrations.at(-1);
    if (applied.length === 0) {
      io.out(
        `${describeTarget(target)} is up to date${latest ? ` (latest migration: ${latest.version} ${latest.name})` : ''}.`,
      );
    } else {
      io.out(`Migrated ${describeTarget(target)}; applied versions:`);
      for (const version of applied) io.out(`  ${version} ${name(version)}`);
    }
  } finally {
    await storage.close();
  }
  return ExitCode.ok;
}
