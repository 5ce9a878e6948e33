import type { CliIo } from '../cli-io';
import { type DemoPortal, startDemoPortal } from '../demo/demo-portal';
import { integerOption, parseOptions } from '../parse-options';
import { createProgress } from '../progress';
import { describeTarget, openStorage, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import { ExitCode } from '../usage-error';

/** The help of `billfold portal`. */
export const PORTAL_HELP = `Usage: billfold portal [options]

Plays the demo (see "billfold demo --help"), then serves the customer portal API over its records on
127.0.0.1 until Ctrl-C, and prints session tokens and magic sign-in links of a few demo customers to try it
with curl or a browser.

Options:
  --customers N     how many customers (default 20, at most 500)
  --months N        how many months from 2026-01 (default 2, at most 24)
  --port N          the port (default 4100; 0 picks a free one)
  --db URL          run on a PostgreSQL server instead of in-memory PGlite; the demo's schema
                    (default billfold_demo) is dropped and recreated; a URL with a password goes in
                    BILLFOLD_DATABASE_URL or a file (--db-file), never on the command line
  --db-file FILE    the PostgreSQL URL read from a file
  --data-dir DIR    run on PGlite kept in a folder (same schema rule as --db)
  --schema NAME     the demo's schema with --db or --data-dir (default billfold_demo)
  -h, --help        this help`;

const OPTIONS = {
  customers: { type: 'string' },
  months: { type: 'string' },
  port: { type: 'string' },
  ...STORAGE_OPTIONS,
} as const;

/** The lines that tell a person how to try a running demo portal. */
export function describeDemoPortal(portal: DemoPortal): string[] {
  const first = portal.signIns[0];
  return [
    `Billing portal: ${portal.url}  (OpenAPI: ${portal.url}/openapi.json)`,
    '',
    'Sign in in a browser (each link works once):',
    ...portal.signIns.map((s) => `  ${s.name}: ${s.link}`),
    '',
    'Or with curl, as one of these customers:',
    ...portal.signIns.map((s) => `  ${s.name}: export TOKEN=${s.token}`),
    ...(first === undefined
      ? []
      : [
          '',
          `  curl -H "Authorization: Bearer $TOKEN" ${portal.url}/account`,
          `  curl -H "Authorization: Bearer $TOKEN" "${portal.url}/invoices?status=open"`,
          `  curl -H "Authorization: Bearer $TOKEN" -o invoice.pdf ${portal.url}/invoices/<invoiceId>/documents/pdf`,
        ]),
    '',
    'Press Ctrl-C to stop.',
  ];
}

/**
 * `billfold portal`: see {@link PORTAL_HELP}. Serves until `stop` resolves (default: SIGINT or SIGTERM).
 * @returns the exit code.
 */
export async function portalCommand(
  args: readonly string[],
  io: CliIo,
  stop: Promise<unknown> = new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  }),
): Promise<number> {
  const parsed = parseOptions('portal', args, OPTIONS);
  if (parsed.values.help) {
    io.out(PORTAL_HELP);
    return ExitCode.ok;
  }
  const customers = integerOption('portal', parsed, 'customers', { min: 1, max: 500, fallback: 20 });
  const months = integerOption('portal', parsed, 'months', { min: 1, max: 24, fallback: 2 });
  const port = integerOption('portal', parsed, 'port', { min: 0, max: 65_535, fallback: 4100 });
  const target = storageTarget('portal', parsed, { required: false, io, defaultSchema: 'billfold_demo' });
  const progress = createProgress({ write: io.err, elapsed: io.elapsed });
  const storage = await progress.step(`opening ${describeTarget(target)}`, () =>
    openStorage(target, { fresh: target.kind !== 'memory' }),
  );
  try {
    const portal = await startDemoPortal(
      storage,
      { customers, months, port, signIns: Math.min(3, customers) },
      progress,
    );
    for (const line of describeDemoPortal(portal)) io.out(line);
    await stop;
    await portal.close();
  } finally {
    await storage.close();
  }
  return ExitCode.ok;
}
