import { type Invoice, isBillingError, listAll, type Subscription } from '@billfold/core';
import { PortalProblem } from '../http/problem';
import type { PortalContext } from '../portal-context';
import { dryRun } from './dry-run';
import { ownSubscription } from './ownership';
import { priceViews } from './price-views';
import type { PortalRouteHandlers } from './route-handler';

type SubscriptionRoutes =
  | 'listSubscriptions'
  | 'getSubscription'
  | 'getUpcomingInvoice'
  | 'getUsage'
  | 'getPlanOptions'
  | 'previewPlanChange'
  | 'changePlan'
  | 'cancelSubscription';

/** The next boundary's invoice, or `undefined` when the subscription has ended and is fully billed. */
async function upcoming(engine: PortalContext['billing'], subscriptionId: string): Promise<Invoice | undefined> {
  try {
    return await engine.subscriptions.preview({ subscriptionId });
  } catch (error) {
    if (isBillingError(error) && error.code === 'invalid_state') return undefined;
    throw error;
  }
}

/**
 * The prices of the host's allow-list this subscription can change to: on sale, with an amount in its currency, on
 * its schedule.
 */
async function allowedPrices(portal: PortalContext, subscription: Subscription) {
  const views = await priceViews(portal.billing, portal.plans.priceIds, subscription.currency, { onSale: true });
  return views.filter(
    (price) => price.interval === subscription.interval && price.intervalCount === subscription.intervalCount,
  );
}

/** Checks the requested items: prices already on the subscription or allowed, whole quantities within the host's maximum. */
async function checkItems(
  portal: PortalContext,
  subscription: Subscription,
  items: readonly { priceId: string; quantity: string }[],
): Promise<void> {
  if (portal.plans.priceIds.length === 0) {
    throw new PortalProblem('invalid_state', 'This portal does not offer plan changes.');
  }
  const allowed = new Set([
    ...subscription.items.map((i) => i.priceId),
    ...(await allowedPrices(portal, subscription)).map((p) => p.priceId),
  ]);
  items.forEach((item, i) => {
    if (!allowed.has(item.priceId)) {
      throw new PortalProblem('invalid_input', 'Not a price this subscription may change to', {}, [
        'body',
        'items',
        i,
        'priceId',
      ]);
    }
    if (!/^\d+$/.test(item.quantity) || Number(item.quantity) < 1 || Number(item.quantity) > portal.plans.maxQuantity) {
      throw new PortalProblem(
        'invalid_input',
        `The quantity must be a whole number from 1 to ${portal.plans.maxQuantity}`,
        {},
        ['body', 'items', i, 'quantity'],
      );
    }
  });
}

const prorationLinesOf = (invoices: readonly Invoice[]) =>
  invoices.flatMap((invoice) =>
    invoice.lines
      .filter((line) => line.kind === 'proration' && line.periodStart !== undefined && line.periodEnd !== undefined)
      .map((line) => ({
        kind: 'proration' as const,
        description: line.description,
        amount: line.amount,
        ...(line.billingCode === undefined ? {} : { billingCode: line.billingCode }),
        ...(line.priceId === undefined ? {} : { priceId: line.priceId }),
        periodStart: line.periodStart as string,
        periodEnd: line.periodEnd as string,
      })),
  );

/** The subscription routes: view, upcoming invoice, usage, plan options, change with a quoted preview, cancel. */
export const subscriptionHandlers: Pick<PortalRouteHandlers, SubscriptionRoutes> = {
  async listSubscriptions({ portal, session }) {
    const items = await listAll((page) =>
      portal.billing.subscriptions.list({ ...page, customerId: session.customerId }),
    );
    return { items };
  },
  async getSubscription({ portal, session, params }) {
    const subscription = await ownSubscription(portal, session.customerId, params.subscriptionId);
    return {
      subscription,
      prices: await priceViews(
        portal.billing,
        subscription.items.map((i) => i.priceId),
        subscription.currency,
      ),
    };
  },
  async getUpcomingInvoice({ portal, session, params }) {
    await ownSubscription(portal, session.customerId, params.subscriptionId);
    return { invoice: (await upcoming(portal.billing, params.subscriptionId)) ?? null };
  },
  async getUsage({ portal, session, params }) {
    await ownSubscription(portal, session.customerId, params.subscriptionId);
    const summary = await portal.billing.usage.summary({ subscriptionId: params.subscriptionId });
    return {
      ...summary,
      meters: summary.meters.map(({ amount, ...meter }) => ({ ...meter, projectedAmount: amount })),
    };
  },
  async getPlanOptions({ portal, session, params }) {
    const subscription = await ownSubscription(portal, session.customerId, params.subscriptionId);
    return { prices: await allowedPrices(portal, subscription), prorate: portal.plans.prorate };
  },
  async previewPlanChange({ portal, session, params, body }) {
    const subscription = await ownSubscription(portal, session.customerId, params.subscriptionId);
    await checkItems(portal, subscription, body.items);
    const at = portal.clock.now().toISOString();
    const change = { subscriptionId: subscription.id, items: body.items, prorate: portal.plans.prorate, at };
    const { result, next } = await dryRun(portal.billing, async (engine) => {
      const made = await engine.subscriptions.change(change);
      return { result: made, next: await upcoming(engine, subscription.id) };
    });
    const pending = result.subscription.pendingLines.slice(subscription.pendingLines.length);
    const signed = await portal.quotes.sign({ customerId: session.customerId, ...change });
    return {
      quote: signed.quote,
      expiresAt: signed.expiresAt,
      effectiveAt: at,
      prorate: change.prorate,
      prorationLines: [...pending, ...prorationLinesOf(result.invoices)],
      invoices: [...result.invoices],
      upcomingInvoice: next ?? null,
      subscription: result.subscription,
    };
  },
  async changePlan({ portal, session, params, body, idempotencyKey, auditDetails }) {
    await ownSubscription(portal, session.customerId, params.subscriptionId);
    const quote = await portal.quotes.verify(body.quote, {
      customerId: session.customerId,
      subscriptionId: params.subscriptionId,
    });
    auditDetails.priceIds = quote.items.map((i) => `${i.priceId}×${i.quantity}`).join(',');
    try {
      const { subscriptionId, items, prorate, at } = quote;
      const changed = await portal.billing.subscriptions.change({ subscriptionId, items, prorate, at, idempotencyKey });
      return { ...changed, invoices: [...changed.invoices] };
    } catch (error) {
      // The period moved on since the preview (a billing run in between): the quoted proration no longer applies.
      if (isBillingError(error) && error.path[1] === 'at') {
        throw new PortalProblem(
          'conflict',
          'The subscription changed since the preview: preview the change again.',
          {},
          ['body', 'quote'],
        );
      }
      throw error;
    }
  },
  async cancelSubscription({ portal, session, params, body, auditDetails }) {
    const subscription = await ownSubscription(portal, session.customerId, params.subscriptionId);
    auditDetails.reason = body.reason;
    auditDetails.atPeriodEnd = String(body.atPeriodEnd);
    if (!body.atPeriodEnd && !portal.cancellation.allowImmediate) {
      throw new PortalProblem(
        'invalid_state',
        'Ending a subscription at once is not offered: cancel at the end of the period.',
        {},
        ['body', 'atPeriodEnd'],
      );
    }
    // The engine's cancel takes no idempotency key: a repeated request finds the subscription already in the
    // state it asks for and gets it back, so a retry never cancels (or credits) twice.
    const ended = subscription.status === 'canceled' || subscription.endedAt !== undefined;
    if (ended || (body.atPeriodEnd && subscription.cancelAtPeriodEnd)) return { subscription, invoices: [] };
    const result = await portal.billing.subscriptions.cancel({
      subscriptionId: subscription.id,
      atPeriodEnd: body.atPeriodEnd,
      ...(body.atPeriodEnd ? {} : { prorate: portal.cancellation.prorateImmediate }),
    });
    await portal.cancellationFeedback?.({
      customerId: session.customerId,
      subscriptionId: subscription.id,
      reason: body.reason,
      ...(body.comment === undefined ? {} : { comment: body.comment }),
    });
    return { ...result, invoices: [...result.invoices] };
  },
};
