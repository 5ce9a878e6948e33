import { startThrowawayCluster } from '../storage-postgres/test/support/postgres-cluster';
import { main } from './src/cli';
import { processIo } from './src/cli-io';
const cluster = await startThrowawayCluster();
const url = cluster.url;
try {
  const io = processIo();
  const t0 = performance.now();
  console.log('exit', await main(['migrate', '--db', url], io));
  console.log('exit', await main(['demo', '--db', url, '--out', '/tmp/pgdemo'], io));
  console.log('demo ms', performance.now() - t0);
  console.log('exit', await main(['demo', '--db', url, '--out', '/tmp/pgdemo', '--customers', '8', '--months', '1'], io));
  console.log('exit', await main(['run', '--db', url, '--schema', 'billfold_demo', '--now', '2026-02-01T12:00:00Z'], io));
  console.log('exit', await main(['report', 'aging', '--db', url, '--schema', 'billfold_demo', '--now', '2026-03-01'], io));
  console.log('exit', await main(['report', 'revenue', '--db', url.replace('postgres@', 'postgres:secret@')], io));
  console.log('exit', await main(['run', '--db', 'postgres://postgres@127.0.0.1:1/none'], io));
} finally {
  await cluster.stop();
}
