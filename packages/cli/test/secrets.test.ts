import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PostgresCluster, startPostgresCluster } from '@billfold/storage-postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import { redactUrlPasswords, smtpEnvironment } from '../src/secrets';
import { captureIo } from './support/capture-io';

const PASSWORD = 'Sup3r-Secret-Pw';

async function run(args: string[], env: Record<string, string> = {}, cwd = '/tmp') {
  const io = { ...captureIo(cwd), env };
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('database URL from the environment or a file, never from ps', () => {
  it('refuses --db with a password and names the safe ways', async () => {
    const { code, stderr } = await run(['migrate', '--db', `postgres://billing:${PASSWORD}@db.example/billing`]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'billfold migrate: --db must not hold a password (every user of this machine can read it in the process list): put the URL in BILLFOLD_DATABASE_URL, or in a file named by --db-file or BILLFOLD_DATABASE_URL_FILE',
    );
    expect(stderr).not.toContain(PASSWORD);
  });

  it('reads --db-file and BILLFOLD_DATABASE_URL_FILE, and says which file could not be read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billfold-secrets-'));
    try {
      await writeFile(join(dir, 'db-url'), `mysql://root:${PASSWORD}@h/db\n`);
      await writeFile(join(dir, 'empty'), '  \n');
      // the file is read: its URL is checked (and never echoed)
      for (const [args, env] of [
        [['migrate', '--db-file', 'db-url'], {}],
        [['migrate'], { BILLFOLD_DATABASE_URL_FILE: join(dir, 'db-url') }],
        [['migrate'], { BILLFOLD_DATABASE_URL: `mysql://root:${PASSWORD}@h/db` }],
      ] as const) {
        const { code, stderr } = await run([...args], env, dir);
        expect(code).toBe(2);
        expect(stderr).toContain('the database URL must be a PostgreSQL URL');
        expect(stderr).not.toContain(PASSWORD);
      }
      expect((await run(['migrate', '--db-file', 'missing'], {}, dir)).stderr).toContain(
        `billfold migrate: --db-file names ${join(dir, 'missing')}, which cannot be read (ENOENT)`,
      );
      expect((await run(['migrate', '--db-file', 'empty'], {}, dir)).stderr).toContain('which is empty');
      expect((await run(['migrate', '--db', 'postgres://h/db', '--db-file', 'x'])).stderr).toContain(
        'give --db or --db-file, not both',
      );
      // an explicit --data-dir wins over a URL in the environment
      const local = await run(['migrate', '--data-dir', join(dir, 'pg')], {
        BILLFOLD_DATABASE_URL: `postgres://u:${PASSWORD}@127.0.0.1:1/db`,
      });
      expect(local.code).toBe(0);
      expect(local.stdout).toContain(`Migrated PGlite in ${join(dir, 'pg')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SMTP password', () => {
  it('comes from BILLFOLD_SMTP_PASSWORD or the file BILLFOLD_SMTP_PASSWORD_FILE names, and is never printed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'billfold-smtp-'));
    try {
      await writeFile(join(dir, 'smtp-password'), `${PASSWORD}\n`);
      const io = {
        ...captureIo(dir),
        env: { BILLFOLD_SMTP_PASSWORD_FILE: 'smtp-password', BILLFOLD_SMTP_USER: 'mailer' },
      };
      expect(smtpEnvironment(io, 'run')).toMatchObject({
        BILLFOLD_SMTP_PASSWORD: PASSWORD,
        BILLFOLD_SMTP_USER: 'mailer',
      });
      const direct = { ...captureIo(dir), env: { BILLFOLD_SMTP_PASSWORD: 'from-the-environment' } };
      expect(smtpEnvironment(direct, 'run').BILLFOLD_SMTP_PASSWORD).toBe('from-the-environment');
      const echoed = await run(['migrate', '--schema', 'from-the-environment'], {
        BILLFOLD_SMTP_PASSWORD: 'from-the-environment',
      });
      expect(echoed.stderr).toContain('(got "***")');
      expect(echoed.stderr).not.toContain('from-the-environment');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('nothing printed shows a secret', () => {
  it('redacts URL passwords anywhere in a line', () => {
    expect(redactUrlPasswords(`failed: postgres://billing:${PASSWORD}@db:5432/x and smtp://a:b@mail`)).toBe(
      'failed: postgres://billing:***@db:5432/x and smtp://a:***@mail',
    );
    expect(redactUrlPasswords('postgres://billing@db/x https://example.com/a:b@c')).toBe(
      'postgres://billing@db/x https://example.com/a:b@c',
    );
  });

  it('redacts the secret variables’ values and passwords from every line, errors included', async () => {
    const echoed = await run(['migrate', '--schema', `${PASSWORD}!`], {
      BILLFOLD_DATABASE_URL: `postgres://billing:${PASSWORD}@db.example/billing`,
    });
    expect(echoed.code).toBe(2);
    expect(echoed.stderr).toContain('(got "***!")');
    const url = await run(['migrate', '--schema', `postgres://u:${PASSWORD}@h`]);
    expect(url.stderr).toContain('(got "postgres://u:***@h")');
  });
});

describe('on a PostgreSQL server', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster({ databaseUrl: false, maxConnections: 20 });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('migrates with the URL (password included) from BILLFOLD_DATABASE_URL and prints no credentials', async () => {
    const url = new URL(cluster.connectionString);
    url.password = PASSWORD; // the throwaway cluster trusts local connections: the password is carried, not checked
    const { code, stdout, stderr } = await run(['migrate', '--schema', 'secret_test'], {
      BILLFOLD_DATABASE_URL: url.toString(),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Migrated PostgreSQL at ${url.host}/postgres (schema secret_test)`);
    expect(`${stdout}${stderr}`).not.toContain(PASSWORD);
  }, 120_000);
});
