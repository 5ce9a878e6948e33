import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELP, main } from '../src/cli';
import { DEMO_HELP } from '../src/commands/demo';
import { captureIo } from './support/capture-io';

/** Runs the command line; none of these reach a database. */
async function run(...args: string[]) {
  const io = captureIo('/tmp');
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('command line errors exit with 2 and say what is wrong', () => {
  it.each([
    [['demo', '--custmers', '8'], 'billfold demo: unknown option --custmers'],
    [['demo', '-x'], 'billfold demo: unknown option -x'],
    [['demo', '--customers'], 'billfold demo: option --customers needs a value'],
    [['demo', '--customers', 'eight'], 'billfold demo: --customers must be a whole number from 1 to 500 (got "eight")'],
    [['demo', '--months', '0'], 'billfold demo: --months must be a whole number from 1 to 24 (got "0")'],
    [['demo', 'now'], 'billfold demo: unexpected argument "now"'],
    [
      ['demo', '--db', 'mysql://x/y'],
      'billfold demo: the database URL must be a PostgreSQL URL: postgres://user@host:5432/database',
    ],
    [['demo', '--db', 'postgres://h/db', '--data-dir', 'x'], 'billfold demo: give --db or --data-dir, not both'],
    [
      ['demo', '--schema', '1abc'],
      'billfold demo: --schema must be letters, digits and "_", not starting with a digit (got "1abc")',
    ],
    [['run'], 'billfold run: name the database: --db postgres://… or --data-dir DIR'],
    [
      ['run', '--db', 'postgres://h/db', '--now', 'tomorrow'],
      'billfold run: --now must be an ISO 8601 date or date-time',
    ],
    [['run', '--db', 'postgres://h/db', '--now', '2026-02-30'], 'billfold run: --now must be an ISO 8601 date'],
    [['run', '--db', 'postgres://h/db', '--now', '2026-02-01T12:00'], 'billfold run: --now must be an ISO 8601 date'],
    [
      ['report'],
      'billfold report: name the report: billfold report aging|payments|failed-payments|collections|revenue|onboarding|mrr|cash',
    ],
    [
      ['report', 'profit', '--db', 'postgres://h/db'],
      'billfold report: unknown report "profit" (there are: aging, payments, failed-payments, collections, revenue, onboarding, mrr, cash)',
    ],
    [['report', 'aging', '--format', 'pdf', '--db', 'postgres://h/db'], 'billfold report: --format must be one of'],
    [['report', 'revenue', '--to-month', '2026-13', '--db', 'postgres://h/db'], '--to-month must be a month as YYYY-MM'],
    [['reconcile', 'queue', 'extra', '--db', 'postgres://h/db'], 'billfold reconcile: unexpected argument "extra"'],
    [['reconcile', 'import', '--db', 'postgres://h/db'], 'billfold reconcile: import needs the file'],
    [['reconcile', 'assign', 'bcr_1', '--db', 'postgres://h/db'], 'billfold reconcile: assign needs --customer ID'],
    [['collections'], 'billfold collections: name the database: --db postgres://… or --data-dir DIR'],
    [['outbox', 'send', '--db', 'postgres://h/db'], 'billfold outbox: unknown action "send"'],
    [['outbox', 'resend', '--db', 'postgres://h/db'], 'billfold outbox: resend needs the entry id'],
    [['outbox', 'list', '--status', 'lost', '--db', 'postgres://h/db'], '--status must be pending, delivered or dead'],
    [['report', 'aging', 'revenue'], 'billfold report: unexpected argument "revenue"'],
    [['migrate', '--now', '2026-01-01'], 'billfold migrate: unknown option --now'],
    [['bill'], 'billfold: unknown command "bill"'],
    [['--verbose'], 'billfold: unknown option --verbose'],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toMatch(/Run "billfold( \w+)? --help" for usage\.$/);
  });

  it('prints the overview to stderr with exit code 2 when no command is given', async () => {
    expect(await run()).toEqual({ code: 2, stdout: '', stderr: HELP });
  });
});

describe('help', () => {
  it.each([[['--version']], [['-v']]])('%j prints the version of the package, from its package.json', async (args) => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run(...args)).toEqual({ code: 0, stdout: manifest.version, stderr: '' });
  });

  it.each([[['--help']], [['-h']], [['help']]])('%j prints the overview', async (args) => {
    expect(await run(...args)).toEqual({ code: 0, stdout: HELP, stderr: '' });
  });

  it.each([[['demo', '--help']], [['demo', '-h']], [['help', 'demo']], [['demo', '--customers', '3', '--help']]])(
    '%j prints the demo help',
    async (args) => {
      expect(await run(...args)).toEqual({ code: 0, stdout: DEMO_HELP, stderr: '' });
    },
  );

  it('has help for every command, naming its flags', async () => {
    for (const [command, flags] of [
      ['run', ['--db', '--data-dir', '--schema', '--now', '--batch-size', '--json', '--config', '--email-config']],
      ['report', ['aging', 'payments', 'failed-payments', 'collections', 'revenue', 'onboarding', 'mrr', 'cash', '--from-month', '--format']],
      ['reconcile', ['import', 'queue', 'confirm', 'reject', 'assign', 'dismiss', '--mapping', '--customer']],
      ['collections', ['--db', '--data-dir', '--now', '--config', '--email-config', 'BILLFOLD_SMTP_PASSWORD']],
      ['outbox', ['list', 'resend', 'dispatch', '--status', '--email-config']],
      ['migrate', ['--db', '--data-dir', '--schema']],
      ['demo', ['--customers', '--months', '--out', '--db']],
    ] as const) {
      const { code, stdout } = await run(command, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: billfold ${command}`));
      for (const flag of flags) expect(stdout).toContain(flag);
    }
  });
});
