/**
 * Charges per second through the PayPal adapter against the loopback fake, next to the fake's raw rate for the same
 * order sent with plain `fetch`, measured in the same run. Needs the OpenAPI descriptions (../shared/validation or
 * BILLFOLD_VALIDATION_DIR).
 */
import { compare } from '@billfold/bench-kit';
import { createTestClock } from '@billfold/core';
import { PAYPAL_SPECS, specAvailability } from '@billfold/gateway-fake-kit';
import { createPaypalGateway } from '../src/index';
import { FakePaypal } from '@billfold/gateway-fake-kit';

const specs = specAvailability(PAYPAL_SPECS);
if (!specs.available) {
  console.log(`@billfold/payments-paypal bench skipped: ${specs.reason}`);
  process.exit(specs.mustFail ? 1 : 0);
}
const clock = createTestClock('2026-03-01T12:00:00Z');
const credentials = { clientId: 'AbBenchClient', clientSecret: 'EBenchSecret' };
const fake = await FakePaypal.start(() => clock.now(), credentials, 'WHBENCH');
const gateway = createPaypalGateway({ ...credentials, environment: { baseUrl: fake.server.url }, clock });
const vault = fake.addVault('bf_cus_bench');
let n = 0;
const charge = () => {
  n += 1;
  return gateway.createPayment({
    amount: '19.99',
    currency: 'EUR',
    customerId: 'cus_bench',
    paymentMethodId: vault,
    session: 'off_session',
    invoiceIds: ['inv_bench'],
    idempotencyKey: `bench:${n}`,
  });
};
const raw = async () => {
  n += 1;
  const response = await fetch(`${fake.server.url}/v2/checkout/orders`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer A21AAfakeToken',
      'content-type': 'application/json',
      'paypal-request-id': `raw:${n}`,
    },
    body: JSON.stringify({
      intent: 'CAPTURE',
      purchase_units: [{ amount: { currency_code: 'EUR', value: '19.99' }, custom_id: 'inv_bench' }],
      payment_source: { paypal: { vault_id: vault } },
    }),
  });
  await response.json();
};
await compare('@billfold/payments-paypal (loopback fake)', [
  {
    subject: { name: 'createPayment via adapter', run: charge },
    baseline: { name: 'plain fetch of the same order', run: raw },
  },
]);
await fake.server.close();
