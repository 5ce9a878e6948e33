import type { DemoRandom } from './random';
import type { DemoCustomer } from './seed-customers';

/** One simulated month: `[start, end)` in UTC. */
export interface MonthWindow {
  /** 0 for the first month of the demo. */
  readonly index: number;
  /** `2026-01`. */
  readonly label: string;
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly start: string;
  readonly end: string;
}

/** The `count` calendar months (UTC) from the month of `start`. */
export function monthWindows(start: string, count: number): MonthWindow[] {
  const first = new Date(start);
  return Array.from({ length: count }, (_, index) => {
    const from = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + index, 1));
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
    const month = from.getUTCMonth() + 1;
    return {
      index,
      label: `${from.getUTCFullYear()}-${String(month).padStart(2, '0')}`,
      year: from.getUTCFullYear(),
      month,
      start: from.toISOString(),
      end: to.toISOString(),
    };
  });
}

/** What the live part of a customer's story looks like when the month is planned. */
export interface CustomerStanding {
  /** Has a subscription that has not ended and is not cancelled at period end. */
  readonly live: boolean;
  readonly plan: number;
  readonly staticIp: boolean;
}

/** Something that happens at an instant of the month. */
export type DemoAction =
  | { readonly kind: 'run' }
  | { readonly kind: 'subscribe'; readonly customer: DemoCustomer }
  | { readonly kind: 'waive-setup'; readonly customer: DemoCustomer }
  | { readonly kind: 'upgrade' | 'downgrade'; readonly customer: DemoCustomer; readonly immediate: boolean }
  | { readonly kind: 'add-static-ip'; readonly customer: DemoCustomer }
  | { readonly kind: 'cancel'; readonly customer: DemoCustomer; readonly atPeriodEnd: boolean }
  | { readonly kind: 'outage-credit'; readonly customer: DemoCustomer }
  | { readonly kind: 'pause'; readonly customer: DemoCustomer }
  | { readonly kind: 'pay'; readonly customer: DemoCustomer }
  | { readonly kind: 'collect' }
  | { readonly kind: 'usage' };

/** An action and when it happens. */
export interface TimedAction {
  readonly at: string;
  readonly action: DemoAction;
}

const PLAN_COUNT = 3;

/**
 * Plans one month, drawing every choice from `random`: the billing run on the 1st (from the second month on),
 * sign-ups in the first month, plan changes, cancellations, outage credits, in the second month one German customer
 * pausing until the next, payments, the collections run every morning at 07:00 (reminders, overdue flags, late
 * fees, dunning), and the month's usage upload. Returned in time order; actions at the same instant keep the order
 * they were planned in.
 */
export function planMonth(
  window: MonthWindow,
  customers: readonly DemoCustomer[],
  standing: (customer: DemoCustomer) => CustomerStanding,
  random: DemoRandom,
): TimedAction[] {
  const at = (day: number, hour: number) => new Date(Date.UTC(window.year, window.month - 1, day, hour)).toISOString();
  const planned: TimedAction[] = [];
  const add = (time: string, action: DemoAction) => planned.push({ at: time, action });

  if (window.index === 0) {
    let waived = false;
    for (const customer of customers) {
      add(at(customer.signupDay, customer.existing ? 12 : 15), { kind: 'subscribe', customer });
      if (!customer.existing && !waived && customer.region === 'DE') {
        waived = true;
        add(at(customer.signupDay + 2, 9), { kind: 'waive-setup', customer });
      }
    }
  } else {
    // After every customer's local midnight of the 1st, so every boundary of the 1st is due.
    add(at(1, 12), { kind: 'run' });
    for (const customer of customers) {
      const { live, plan, staticIp } = standing(customer);
      if (!live) continue;
      const day = random.int(3, 20);
      const draw = random.next();
      if (draw < 0.15 && plan < PLAN_COUNT - 1) {
        add(at(day, 14), { kind: 'upgrade', customer, immediate: random.chance(0.3) });
      } else if (draw >= 0.15 && draw < 0.19 && plan > 0) {
        add(at(day, 14), { kind: 'downgrade', customer, immediate: false });
      } else if (draw >= 0.19 && draw < 0.23 && !staticIp) {
        add(at(day, 14), { kind: 'add-static-ip', customer });
      } else if (draw >= 0.23 && draw < 0.29) {
        add(at(day + 4, 16), { kind: 'cancel', customer, atPeriodEnd: random.chance(0.75) });
      }
    }
    const credits = Math.max(1, Math.round(customers.length / 25));
    const candidates = customers.filter((customer) => standing(customer).live);
    const pausing =
      window.index === 1
        ? candidates.find(
            (c) => c.region === 'DE' && !planned.some((p) => 'customer' in p.action && p.action.customer === c),
          )
        : undefined;
    if (pausing !== undefined) {
      candidates.splice(candidates.indexOf(pausing), 1);
      add(at(10, 9), { kind: 'pause', customer: pausing });
    }
    for (let i = 0; i < credits && candidates.length > 0; i++) {
      const customer = candidates.splice(random.int(0, candidates.length - 1), 1)[0] as DemoCustomer;
      add(at(random.int(6, 18), 11), { kind: 'outage-credit', customer });
    }
  }
  for (const customer of customers) {
    const day = customer.habit === 'prompt' ? random.int(8, 12) : random.int(18, 26);
    add(at(day, 10), { kind: 'pay', customer });
  }
  add(at(28, 20), { kind: 'usage' });
  const days = new Date(Date.UTC(window.year, window.month, 0)).getUTCDate();
  for (let day = 1; day <= days; day++) add(at(day, 7), { kind: 'collect' });
  return planned
    .map((item, order) => ({ item, order }))
    .sort((a, b) => (a.item.at < b.item.at ? -1 : a.item.at > b.item.at ? 1 : a.order - b.order))
    .map(({ item }) => item);
}
