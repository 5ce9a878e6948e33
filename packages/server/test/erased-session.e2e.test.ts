import { expect, it } from 'vitest';
import { describePortalEndToEnd } from './support/portal-e2e';
import type { PortalFixture } from './support/portal-fixture';

/*
 * Erasure ends a customer's portal sessions at once, over real HTTP on PGlite and PostgreSQL: a token minted before
 * `customers.erase` (still inside its 15 minutes) and one minted after are refused with the 401 an expired token gets
 * (the elements' cue to ask for a new session); another customer's session goes on working.
 */

await describePortalEndToEnd('an erased customer’s portal sessions', (portal) => {
  const other = () => portal().customers[1] as PortalFixture['customers'][number];

  it('refuses a live token of an erased customer with 401 at once, and changes nothing', async () => {
    const { billing } = portal();
    const customer = await billing.customers.create({
      name: 'Ilse Ephemeral',
      email: 'ilse@example.com',
      currency: 'EUR',
    });
    const token = await portal().token(customer.id);
    const otherToken = await portal().token(other().id);
    const before = await portal().call('/profile', token);
    expect(before.status).toBe(200);
    expect((await before.json()).name).toBe('Ilse Ephemeral');

    await billing.customers.erase(customer.id);
    const snapshot = await portal().snapshot();
    const refused = await portal().call('/account', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(await refused.json()).toMatchObject({ code: 'unauthorized', status: 401 });
    // a change is refused before it runs, and a token minted after erasure fares no better
    const change = await portal().call('/profile', token, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Back again' }),
      idempotencyKey: 'erased-profile-1',
    });
    expect(change.status).toBe(401);
    expect((await portal().call('/invoices', await portal().token(customer.id))).status).toBe(401);
    expect(await portal().snapshot()).toBe(snapshot);
    expect((await portal().call('/account', otherToken)).status).toBe(200);
  });
});
