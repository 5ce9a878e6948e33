import { afterAll, describe, expect, it } from 'vitest';
import { portalCommand } from '../src/commands/portal';
import { captureIo } from './support/capture-io';

describe('billfold portal', () => {
  let stop: () => void = () => {};
  afterAll(() => stop());

  it('serves the demo records and prints tokens and links that sign in', async () => {
    const io = captureIo(process.cwd());
    const stopped = new Promise((resolve) => {
      stop = () => resolve(undefined);
    });
    const running = portalCommand(['--customers', '3', '--months', '1', '--port', '0'], io, stopped);
    while (!io.stdout.some((line) => line.startsWith('Press Ctrl-C')))
      await new Promise((resolve) => setImmediate(resolve));
    const url = /Billing portal: (\S+)/.exec(io.stdout[0] ?? '')?.[1] as string;
    const token = /export TOKEN=(\S+)/.exec(io.stdout.find((line) => line.includes('export TOKEN=')) ?? '')?.[1];
    const account = await fetch(`${url}/account`, { headers: { authorization: `Bearer ${token}` } });
    expect(account.status).toBe(200);
    const invoices = await (await fetch(`${url}/invoices`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(invoices.items.length).toBeGreaterThan(0);
    const link = /#token=(\S+)/.exec(io.stdout.find((line) => line.includes('#token=')) ?? '')?.[1];
    const signIn = await fetch(`${url}/auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link }),
    });
    expect(signIn.status).toBe(200);
    stop();
    expect(await running).toBe(0);
  });
});
