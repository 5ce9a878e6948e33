import { specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_KEY, startStripeHarness, type StripeHarness } from './stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);

describe.skipIf(!specs.available)('the fake checks requests against Stripe’s OpenAPI description', () => {
  let h: StripeHarness;
  beforeAll(async () => {
    h = await startStripeHarness();
  });
  afterAll(async () => {
    await h.fake.server.close();
  });
  const send = (path: string, body: string, method = 'POST') =>
    fetch(`${h.fake.server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      ...(method === 'GET' ? {} : { body }),
    });

  it('flags an undocumented parameter, a wrong type, a missing required parameter and an unknown path', async () => {
    expect((await send('/v1/payment_intents', 'amount=100&currency=eur&card_number=4242424242424242')).status).toBe(
      400,
    );
    expect((await send('/v1/payment_intents', 'amount=ten&currency=eur')).status).toBe(400);
    expect((await send('/v1/customers/cus_1/payment_methods', '', 'GET')).status).toBe(400); // `type` is required
    expect((await send('/v1/charges_everything', 'x=1')).status).toBe(400);
    expect(h.fake.server.violations).toHaveLength(4);
    expect(h.fake.server.violations[0]).toContain('card_number');
    expect(h.fake.server.violations[1]).toContain('/amount');
    expect(h.fake.server.violations[2]).toContain('missing required query parameter type');
    expect(h.fake.server.violations[3]).toContain('is not in the spec');
  });
});
