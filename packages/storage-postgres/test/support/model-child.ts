/**
 * A worker of the ledger model test in its own OS process: after `go` on stdin it runs `operations` random engine
 * operations (billing runs, one-off invoices, payments with and without allocations, refunds, credit notes, voids,
 * usage batches with late and duplicate events, plan changes, new subscriptions and cancellations, pauses and
 * resumptions, pending items added and removed, changes scheduled and unscheduled, coupons applied, replays under
 * an idempotency key, collections runs — which charge and retry automatic payments through the Stripe adapter —,
 * outbox dispatches, fee waivers and portal payments) on the shared customers, drawn from a generator seeded with
 * `seed`. Its clock moves `stepMs` per operation. It prints one `finished` message with what it saw: the usage
 * events the engine accepted, the
 * refusals by code, anything unexpected, and any balance read below zero. Run with
 * `node --import tsx --conditions=@billfold/source model-child.ts '<ModelConfig JSON>'`.
 */
import { createInterface } from 'node:readline';
import { createBilling, createTestClock, isBillingError } from '@billfold/core';
import { createStripeGateway } from '@billfold/payments-stripe';
import { createPostgresStorage } from '../../src/index';
import { COLLECTIONS_POLICY } from './collections-setup';
import { type AcceptedEvent, type ModelPrices, modelOperations } from './model-operations';
import { childArgument } from './child-argument';

/** One customer of the model, as the test seeded it. */
export interface ModelCustomer {
  readonly id: string;
}

/** What the test passes as the one argument. */
export interface ModelConfig {
  readonly url: string;
  readonly schema: string;
  readonly applicationName: string;
  readonly worker: number;
  readonly seed: number;
  readonly operations: number;
  /** The clock at the first operation; it moves `stepMs` per operation. */
  readonly start: string;
  readonly stepMs: number;
  readonly customers: readonly ModelCustomer[];
  readonly prices: ModelPrices;
  /** Where the run's Stripe fake listens, and its key: customers are charged automatically through it. */
  readonly stripe: { readonly port: number; readonly secretKey: string };
}

/** What a worker saw. */
export interface ModelReport {
  readonly worker: number;
  /** Operations by kind and outcome (`pay ok`, `refund invalid_state`). */
  readonly outcomes: Record<string, number>;
  readonly accepted: readonly AcceptedEvent[];
  /** Errors that are no refusal the rules allow (anything but `invalid_input` / `invalid_state`). */
  readonly unexpected: readonly string[];
  /** Balances read below zero after an operation. */
  readonly negative: readonly string[];
}

/** What the worker prints. */
export type ModelMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'finished'; readonly report: ModelReport }
  | { readonly type: 'failed'; readonly message: string };

const say = (message: ModelMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main(config: ModelConfig): Promise<void> {
  const storage = await createPostgresStorage({
    connectionString: config.url,
    schema: config.schema,
    migrate: false,
    poolConfig: { max: 2, application_name: config.applicationName },
  });
  const clock = createTestClock(config.start);
  // Collections by the worked examples' policy; notifications wait in the outbox for the `dispatch` operation.
  // Charges go through the Stripe adapter to the run's fake; no SDK retries, so lost answers reach the engine.
  const stripe = createStripeGateway({
    secretKey: config.stripe.secretKey,
    webhookSecret: 'whsec_model',
    api: { host: '127.0.0.1', port: config.stripe.port, protocol: 'http' },
    clock,
    maxNetworkRetries: 0,
  });
  const billing = createBilling({
    storage,
    clock,
    gateways: [stripe],
    config: { collections: COLLECTIONS_POLICY, notifications: { delivery: 'dispatch' } },
  });
  const { draw, pick, perform, accepted, unexpected } = modelOperations(billing, clock, config);
  const outcomes: Record<string, number> = {};
  const problems: string[] = [];
  const negative: string[] = [];

  say({ type: 'ready' });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();

  for (let n = 0; n < config.operations; n++) {
    clock.set(new Date(Date.parse(config.start) + n * config.stepMs));
    const operation = draw();
    const customer = pick(config.customers) as ModelCustomer;
    let outcome = 'ok';
    try {
      if ((await perform(operation, customer.id)) === undefined) outcome = 'nothing to do';
    } catch (error) {
      if (isBillingError(error) && (error.code === 'invalid_input' || error.code === 'invalid_state')) {
        outcome = error.code;
      } else if (
        isBillingError(error) &&
        error.code === 'not_found' &&
        (operation === 'unschedule' || operation === 'removeItem')
      ) {
        // The change or pending item this worker saw waiting was applied or invoiced by another process's run, or
        // removed by another worker, before its call took the subscription's lock: the engine's documented refusal.
        outcome = error.code;
      } else if (
        isBillingError(error) &&
        operation === 'refund' &&
        error.code === 'gateway_rejected' &&
        error.gateway?.providerCode === 'idempotency_error'
      ) {
        // Two workers refunded one payment at once without a key: both sent its next refund number, and Stripe
        // refused the second amount under the first one's key. Nothing was refunded twice (checked below).
        outcome = 'refund number taken';
      } else if (
        isBillingError(error) &&
        operation === 'refund' &&
        error.code === 'gateway_rejected' &&
        (error.gateway?.providerCode === 'amount_too_large' ||
          error.gateway?.providerCode === 'charge_already_refunded')
      ) {
        // Two workers refunded one payment at once: the second checked its amount against the ledger before the
        // first one's refund was recorded, and Stripe, which holds the charge, refused more than is left.
        outcome = 'refund over what is left';
      } else {
        outcome = isBillingError(error) ? error.code : 'crash';
        problems.push(`${operation} on ${customer.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    outcomes[`${operation} ${outcome}`] = (outcomes[`${operation} ${outcome}`] ?? 0) + 1;
    const balance = await billing.balance.get(customer.id, 'EUR');
    if (balance.amount.startsWith('-')) negative.push(`${customer.id} ${balance.amount} after ${operation}`);
  }
  say({
    type: 'finished',
    report: { worker: config.worker, outcomes, accepted, unexpected: [...unexpected, ...problems], negative },
  });
  await storage.close();
  process.exit(0);
}

main(childArgument<ModelConfig>()).catch((error: unknown) => {
  say({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
