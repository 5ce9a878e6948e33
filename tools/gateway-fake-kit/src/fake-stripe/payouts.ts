import type { FakeResponse } from '../loopback-fake';
import { list, type StripeObject } from './stripe-objects';
import { missing, type StripeStore } from './stripe-store';

/** A balance transaction of the fake (charge, refund or payout), its source and the payout that paid it out. */
export interface FakeBalanceEntry {
  readonly transaction: StripeObject;
  payout?: string;
}

/** Records a balance transaction (`source`: the charge, refund or payout it is for) for a later payout. */
export function recordBalance(store: StripeStore, transaction: StripeObject, source: string): void {
  transaction.source = source;
  store.balance.set(transaction.id as string, { transaction });
}

/** A refund's balance transaction: the amount given back, no fee. */
export function refundBalance(store: StripeStore, refund: StripeObject): StripeObject {
  const amount = -(refund.amount as number);
  return {
    id: store.id('txn'),
    object: 'balance_transaction',
    amount,
    available_on: store.now(),
    created: store.now(),
    currency: refund.currency,
    fee: 0,
    fee_details: [],
    net: amount,
    reporting_category: 'refund',
    status: 'available',
    type: 'refund',
  };
}

/**
 * An automatic payout of everything in the balance not paid out yet, in one currency: the charges less their fees
 * and the refunds, arriving `arrivalDays` days from now. Returns the payout.
 */
export function payOut(store: StripeStore, currency: string, arrivalDays: number): StripeObject {
  const id = store.id('po');
  const entries = [...store.balance.values()].filter(
    (entry) => entry.payout === undefined && entry.transaction.currency === currency,
  );
  const net = entries.reduce((sum, entry) => sum + (entry.transaction.net as number), 0);
  const own = {
    id: store.id('txn'),
    object: 'balance_transaction',
    amount: -net,
    available_on: store.now(),
    created: store.now(),
    currency,
    fee: 0,
    fee_details: [],
    net: -net,
    reporting_category: 'payout',
    status: 'available',
    type: 'payout',
  };
  recordBalance(store, own, id);
  for (const entry of [...entries, store.balance.get(own.id) as FakeBalanceEntry]) entry.payout = id;
  const payout = {
    id,
    object: 'payout',
    amount: net,
    arrival_date: store.now() + arrivalDays * 86_400,
    automatic: true,
    balance_transaction: own.id,
    created: store.now(),
    currency,
    description: 'STRIPE PAYOUT',
    destination: null,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: {},
    method: 'standard',
    original_payout: null,
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: 'STRIPE PAYOUT',
    status: 'paid',
    type: 'bank_account',
  };
  store.payouts.set(id, payout);
  return payout;
}

/** `GET /v1/payouts`: newest first; `arrival_date[gte]` and `[lt]` (Unix seconds) narrow it. */
export function listPayouts(store: StripeStore, query: URLSearchParams): FakeResponse {
  const gte = Number(query.get('arrival_date[gte]') ?? Number.NEGATIVE_INFINITY);
  const lt = Number(query.get('arrival_date[lt]') ?? Number.POSITIVE_INFINITY);
  const payouts = [...store.payouts.values()]
    .filter((p) => (p.arrival_date as number) >= gte && (p.arrival_date as number) < lt)
    .reverse();
  return { status: 200, body: list('/v1/payouts', payouts) };
}

/** `GET /v1/payouts/{payout}`. */
export function readPayout(store: StripeStore, id: string): FakeResponse {
  const payout = store.payouts.get(id);
  return payout === undefined ? missing('payout', id) : { status: 200, body: payout };
}

/** `GET /v1/balance_transactions?payout=po_…`: what an automatic payout paid out, its own transaction included. */
export function listBalanceTransactions(store: StripeStore, query: URLSearchParams): FakeResponse {
  const payout = query.get('payout');
  const data = [...store.balance.values()]
    .filter((entry) => payout === null || entry.payout === payout)
    .map((entry) => entry.transaction);
  return { status: 200, body: list('/v1/balance_transactions', data) };
}

/** `GET /v1/refunds/{refund}`. */
export function readRefund(store: StripeStore, id: string): FakeResponse {
  const refund = store.refunds.get(id);
  return refund === undefined ? missing('refund', id) : { status: 200, body: refund };
}
