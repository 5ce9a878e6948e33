/**
 * Charges per second through the Stripe adapter against the loopback fake, next to the fake's raw rate for the same
 * request sent with plain `fetch` (same body, same fake), measured in the same run. Needs the OpenAPI description
 * (../shared/validation or BILLFOLD_VALIDATION_DIR); the fake checks every request, on both sides alike.
 */
import { compare, compareOnce } from '@billfold/bench-kit';
import { createBilling, MemoryStorage } from '@billfold/core';
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

// Through the engine: `collections.run` charging invoices of customers charged automatically (claim, lease, send,
// record the payment and settle the invoice), against the same number of raw charges sent to the fake.
const CHARGES = 200;
const billing = createBilling({
  storage: new MemoryStorage(),
  clock: h.clock,
  gateways: [h.gateway],
  config: { payments: { chargeOnFinalize: 'run' } },
});
const payer = await billing.customers.create({
  name: 'Bench GmbH',
  email: 'bench@example.com',
  currency: 'EUR',
  collectionMethod: 'charge_automatically',
});
const payerReference = await billing.paymentMethods.gatewayCustomer(payer.id);
await billing.paymentMethods.save({ customerId: payer.id, providerMethodId: h.fake.addCard(payerReference) });
await compareOnce(
  `@billfold/payments-stripe: ${CHARGES} automatic charges through the engine (MemoryStorage, loopback fake)`,
  {
    name: 'collections.run charging through the engine',
    setup: async () => {
      for (let i = 0; i < CHARGES; i++) {
        await billing.invoices.createOneOff({
          customerId: payer.id,
          lines: [{ description: 'Bench', amount: '19.99' }],
          autoFinalize: true,
        });
      }
    },
    run: async () => {
      const run = await billing.collections.run();
      if (run.charges.succeeded !== CHARGES) throw new Error(`charged ${run.charges.succeeded} of ${CHARGES}`);
    },
  },
  {
    name: 'the fake’s raw rate: the same charges with plain fetch',
    run: async () => {
      for (let i = 0; i < CHARGES; i++) await raw();
    },
  },
  { items: CHARGES, unit: 'charges' },
);
await h.fake.server.close();
