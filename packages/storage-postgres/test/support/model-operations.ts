/**
 * The random operations of the ledger model test's workers (see `model-child.ts`), collections and outbox
 * dispatch among them: which one comes next, drawn
 * by weight from a seeded generator, and how each runs through the engine. Refusals the rules allow
 * (`invalid_input`, `invalid_state`) are thrown to the caller, who counts them.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Billing, Clock } from '@billfold/core';

/** A usage event the engine accepted (stored now, not a duplicate). */
export interface AcceptedEvent {
  readonly id: string;
  readonly customerId: string;
  readonly timestamp: string;
  /** The `gb` property. */
  readonly gb: string;
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An amount of `cents` as a decimal string (`1234` → `"12.34"`). */
const eur = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
/** Cents of a decimal string with two decimals. */
const cents = (amount: string) => Math.round(Number(amount) * 100);

const DAY = 86_400_000;

/** One usage event as `usage.ingest` takes it. */
type UsageEventInput = Parameters<Billing['usage']['ingest']>[0][number];

/** The operations, with their weights. */
const WEIGHTS = {
  run: 7,
  oneOff: 10,
  finalize: 4,
  pay: 11,
  payAllocated: 9,
  refund: 8,
  creditNote: 10,
  void: 4,
  uncollectible: 2,
  usage: 20,
  change: 6,
  subscribe: 2,
  cancel: 2,
  replay: 5,
  pause: 3,
  resume: 3,
  addItem: 3,
  removeItem: 1,
  schedule: 2,
  unschedule: 1,
  coupon: 1,
  collect: 6,
  dispatch: 4,
  waive: 2,
  portalPay: 6,
} as const;

/** One kind of operation. */
export type Operation = keyof typeof WEIGHTS;

/** The catalog prices the operations subscribe to. */
export interface ModelPrices {
  readonly basic: string;
  readonly seat: string;
  readonly data: string;
  /** A coupon the model puts on running subscriptions (20 % off, three periods). */
  readonly coupon: string;
}

/** A worker's operations, and what they saw. */
export interface ModelOperations {
  /** The next operation, by weight. */
  draw(): Operation;
  /** One of `items`, or `undefined` when there is none. */
  pick<T>(items: readonly T[]): T | undefined;
  /** Runs `operation` on `customerId`; resolves `undefined` when there was nothing to run it on. */
  perform(operation: Operation, customerId: string): Promise<unknown>;
  /** The usage events the engine accepted. */
  readonly accepted: readonly AcceptedEvent[];
  /** What went wrong without an error (a replay that returned another result). */
  readonly unexpected: readonly string[];
}

/** The operations of worker `worker`, drawn from `seed`, on an engine whose clock is `clock`. */
export function modelOperations(
  billing: Billing,
  clock: Clock,
  config: { readonly worker: number; readonly seed: number; readonly prices: ModelPrices },
): ModelOperations {
  const random = generator(config.seed);
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T | undefined => items[below(items.length)];
  const accepted: AcceptedEvent[] = [];
  const sent: UsageEventInput[] = [];
  const unexpected: string[] = [];
  const total = Object.values(WEIGHTS).reduce((sum, w) => sum + w, 0);
  const draw = (): Operation => {
    let at = below(total);
    for (const [operation, weight] of Object.entries(WEIGHTS) as [Operation, number][]) {
      if (at < weight) return operation;
      at -= weight;
    }
    return 'pay';
  };
  let events = 0;
  let keys = 0;

  const invoicesOf = async (customerId: string, statuses: readonly string[]) =>
    (await billing.invoices.list({ customerId, limit: 100 })).items.filter((i) => statuses.includes(i.status));
  const liveSubscriptions = async (customerId: string) =>
    (await billing.subscriptions.list({ customerId, limit: 100 })).items.filter((s) => s.endedAt === undefined);

  /** Runs one operation on `customerId`; `undefined` when there was nothing to do it on. */
  const perform = async (operation: Operation, customerId: string): Promise<unknown> => {
    const now = clock.now().getTime();
    switch (operation) {
      case 'run':
        return billing.runCycle({ batchSize: 1 + below(5) });
      case 'oneOff':
        return billing.invoices.createOneOff({
          customerId,
          lines: [{ description: 'Work', amount: eur(100 + below(8000)) }],
          autoFinalize: random() < 0.8,
        });
      case 'finalize': {
        const draft = pick(await invoicesOf(customerId, ['draft']));
        return draft && billing.invoices.finalize(draft.id);
      }
      case 'pay':
        return billing.payments.record({ customerId, amount: eur(100 + below(6000)), currency: 'EUR', method: 'cash' });
      case 'payAllocated': {
        const invoice = pick(await invoicesOf(customerId, ['open', 'uncollectible']));
        if (invoice === undefined || cents(invoice.amountRemaining) === 0) return undefined;
        const part = 1 + below(cents(invoice.amountRemaining));
        return billing.payments.record({
          customerId,
          amount: eur(part + (random() < 0.3 ? below(2000) : 0)),
          currency: 'EUR',
          method: 'bank_transfer',
          allocations: [{ invoiceId: invoice.id, amount: eur(part) }],
        });
      }
      case 'refund': {
        const payments = (await billing.payments.list({ customerId, limit: 100 })).items;
        const payment = pick(payments.filter((p) => cents(p.amount) > cents(p.amountRefunded)));
        if (payment === undefined) return undefined;
        const refundable = cents(payment.amount) - cents(payment.amountRefunded);
        const amount = random() < 0.4 ? refundable : 1 + below(refundable);
        return billing.payments.refund({ paymentId: payment.id, amount: eur(amount) });
      }
      case 'creditNote': {
        const invoice = pick(await invoicesOf(customerId, ['open', 'paid', 'uncollectible']));
        if (invoice === undefined || cents(invoice.total) === 0) return undefined;
        const amount = random() < 0.3 ? cents(invoice.total) : 1 + below(cents(invoice.total));
        return billing.creditNotes.create({ invoiceId: invoice.id, amount: eur(amount), reason: 'other' });
      }
      case 'void': {
        const invoice = pick(await invoicesOf(customerId, ['open']));
        return invoice && billing.invoices.void(invoice.id);
      }
      case 'uncollectible': {
        const invoice = pick(await invoicesOf(customerId, ['open']));
        return invoice && billing.invoices.markUncollectible(invoice.id);
      }
      case 'usage': {
        const batch: UsageEventInput[] = [];
        for (let n = 1 + below(3); n > 0; n--) {
          const again = random() < 0.15 ? pick(sent.filter((e) => e.customerId === customerId)) : undefined;
          if (again !== undefined) {
            batch.push(again);
            continue;
          }
          events += 1;
          // Up to 20 days back: some fall in periods a run has already invoiced (late, refused).
          const timestamp = new Date(now - below(20 * DAY)).toISOString();
          const event = {
            id: `evt_w${config.worker}_${events}`,
            customerId,
            eventName: 'data',
            timestamp,
            properties: { gb: eur(1 + below(500)) },
          };
          sent.push(event);
          batch.push(event);
        }
        const result = await billing.usage.ingest(batch);
        // Of the events sharing an id, the first ones were stored and the last `skipped` ones were duplicates.
        const count = (ids: readonly string[]) => {
          const counts = new Map<string, number>();
          for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
          return counts;
        };
        const skipped = count(result.duplicateEvents.map((e) => e.id));
        const stored = count(batch.map((e) => e.id));
        for (const [id, n] of skipped) stored.set(id, (stored.get(id) ?? 0) - n);
        for (const event of batch) {
          const left = stored.get(event.id) ?? 0;
          stored.set(event.id, left - 1);
          if (left <= 0) continue;
          accepted.push({
            id: event.id,
            customerId,
            timestamp: event.timestamp as string,
            gb: (event.properties as { gb: string }).gb,
          });
        }
        return result;
      }
      case 'change': {
        const metered = pick(
          (await liveSubscriptions(customerId)).filter((s) => s.items.some((i) => i.priceId === config.prices.data)),
        );
        if (metered === undefined) return undefined;
        const seats = below(4);
        return billing.subscriptions.change({
          subscriptionId: metered.id,
          items: [
            { priceId: config.prices.basic },
            { priceId: config.prices.data },
            ...(seats > 0 ? [{ priceId: config.prices.seat, quantity: String(seats) }] : []),
          ],
          prorate: (['immediate', 'next_invoice', 'none'] as const)[below(3)],
        });
      }
      case 'subscribe': {
        const live = await liveSubscriptions(customerId);
        const metering = live.some((s) => s.items.some((i) => i.priceId === config.prices.data));
        const items = metering
          ? [{ priceId: config.prices.basic }]
          : [{ priceId: config.prices.basic }, { priceId: config.prices.data }];
        return billing.subscriptions.create({ customerId, items });
      }
      case 'cancel': {
        const subscription = pick(await liveSubscriptions(customerId));
        return (
          subscription &&
          billing.subscriptions.cancel({
            subscriptionId: subscription.id,
            atPeriodEnd: random() < 0.5,
            prorate: random() < 0.7,
          })
        );
      }
      case 'pause': {
        const running = pick((await liveSubscriptions(customerId)).filter((s) => s.status !== 'paused'));
        if (running === undefined) return undefined;
        const resumeAt = random() < 0.4 ? new Date(now + (3 + below(20)) * DAY).toISOString() : undefined;
        return billing.subscriptions.pause({
          subscriptionId: running.id,
          behavior: random() < 0.5 ? 'restart' : 'keep_schedule',
          ...(resumeAt === undefined ? {} : { resumeAt }),
        });
      }
      case 'resume': {
        const paused = pick((await liveSubscriptions(customerId)).filter((s) => s.status === 'paused'));
        return paused && billing.subscriptions.resume({ subscriptionId: paused.id });
      }
      case 'addItem': {
        const subscription = pick(await liveSubscriptions(customerId));
        return (
          subscription &&
          billing.subscriptions.addPendingItem({
            subscriptionId: subscription.id,
            description: 'Technician visit',
            amount: eur(100 + below(6000)),
          })
        );
      }
      case 'removeItem': {
        const holding = pick(
          (await liveSubscriptions(customerId)).filter((s) => s.pendingLines.some((line) => line.id !== undefined)),
        );
        const item = holding?.pendingLines.find((line) => line.id !== undefined);
        return (
          holding && billing.subscriptions.removePendingItem({ subscriptionId: holding.id, itemId: item?.id as string })
        );
      }
      case 'schedule': {
        const subscription = pick(await liveSubscriptions(customerId));
        if (subscription === undefined) return undefined;
        if (random() < 0.3)
          return billing.subscriptions.scheduleChange({ subscriptionId: subscription.id, cancel: true });
        const seats = below(3);
        return billing.subscriptions.scheduleChange({
          subscriptionId: subscription.id,
          items: [
            { priceId: config.prices.basic },
            ...(random() < 0.7 ? [{ priceId: config.prices.data }] : []),
            ...(seats > 0 ? [{ priceId: config.prices.seat, quantity: String(seats) }] : []),
          ],
        });
      }
      case 'unschedule': {
        const waiting = pick(
          (await liveSubscriptions(customerId)).filter((s) => (s.scheduledChanges ?? []).length > 0),
        );
        const change = waiting?.scheduledChanges?.[0];
        return (
          waiting &&
          billing.subscriptions.unscheduleChange({ subscriptionId: waiting.id, changeId: change?.id as string })
        );
      }
      case 'coupon': {
        const subscription = pick(await liveSubscriptions(customerId));
        return (
          subscription &&
          billing.subscriptions.applyCoupon({ subscriptionId: subscription.id, couponId: config.prices.coupon })
        );
      }
      case 'collect':
        return billing.collections.run({ batchSize: 1 + below(5) });
      case 'dispatch':
        return billing.notifications.dispatch({ batchSize: 1 + below(10), notifier: { notify: async () => {} } });
      case 'waive': {
        const fees = (await billing.collections.listFees({ customerId, limit: 100 })).items;
        const fee = pick(fees.filter((f) => f.status === 'charged'));
        return fee && billing.collections.waiveFee({ feeId: fee.id });
      }
      case 'portalPay': {
        // Every worker pays an invoice under the same key, and a second click under another: one charge at most.
        const invoice = pick(await invoicesOf(customerId, ['open']));
        if (invoice === undefined || cents(invoice.amountRemaining) === 0) return undefined;
        const [method] = await billing.paymentMethods.list(customerId);
        if (method === undefined) return undefined;
        const pay = (key: string) =>
          billing.payments.payInvoices({
            customerId,
            invoiceIds: [invoice.id],
            paymentMethodId: method.id,
            idempotencyKey: `portal:${invoice.id}:v${invoice.version}:${key}`,
          });
        const [first, second] = await Promise.all([pay('a'), pay(`w${config.worker}`)]);
        // A click after the other's attempt failed is a new attempt; two that both took the money are not allowed.
        if (first.attempt.id !== second.attempt.id && [first, second].every((p) => p.attempt.status === 'succeeded')) {
          unexpected.push(`two pay clicks on ${invoice.id} charged twice`);
        }
        return first;
      }
      case 'replay': {
        keys += 1;
        const input = {
          customerId,
          amount: eur(100 + below(3000)),
          currency: 'EUR',
          method: 'cheque' as const,
          idempotencyKey: `model-w${config.worker}-${keys}`,
        };
        const first = await billing.payments.record(input);
        const again = await billing.payments.record(input);
        if (!isDeepStrictEqual(again, first)) {
          unexpected.push(`replay of ${input.idempotencyKey} returned another payment`);
        }
        return first;
      }
    }
  };

  return { draw, pick, perform, accepted, unexpected };
}
