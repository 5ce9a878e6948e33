/**
 * Charges per second through the Stripe adapter against the loopback fake, next to the fake's raw rate for the same
 * request sent with plain `fetch` (same body, same fake), measured in the same run. Needs the OpenAPI description
 * (../shared/validation or BILLFOLD_VALIDATION_DIR); the fake checks every request, on both sides alike.
 */
import { compare } from '@billfold/bench-kit';
import { specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { startStripeHarness, SECRET_KEY } from '../test/stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (!specs.available) {
  console.log(`@billfold/payments-stripe bench skipped: ${specs.reason}`);
  process.exit(specs.mustFail ? 1 : 0);
}
const h = await startStripeHarness();
const customer = (await h.gateway.ensureCustomer({ customerId: 'cus_bench', idempotencyKey: 'cus_bench' })).reference;
const card = h.fake.addCard(customer);
let n = 0;
const charge = () => {
  n += 1;
  return h.gateway.createPayment({
    amount: '19.99',
    currency: 'EUR',
    customerId: 'cus_bench',
    customerReference: customer,
    paymentMethodId: card,
    session: 'off_session',
    invoiceIds: ['inv_bench'],
    idempotencyKey: `bench:${n}`,
  });
};
const raw = async () => {
  n += 1;
  const body = `amount=1999&currency=eur&capture_method=automatic&metadata[billfold_idempotency_key]=raw:${n}&expand[0]=latest_charge.balance_transaction&customer=${customer}&payment_method=${card}&confirm=true&off_session=true`;
  const response = await fetch(`${h.fake.server.url}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${SECRET_KEY}`,
      'content-type': 'application/x-www-form-urlencoded',
      'idempotency-key': `raw:${n}`,
    },
    body,
  });
  await response.json();
};
await compare('@billfold/payments-stripe (loopback fake)', [
  {
    subject: { name: 'createPayment via adapter', run: charge },
    baseline: { name: 'plain fetch of the same charge', run: raw },
  },
]);
await h.fake.server.close();
