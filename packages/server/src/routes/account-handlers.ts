import { type Customer, type CustomerUpdate, type Invoice, listAll, money } from '@billfold/core';
import { PortalProblem } from '../http/problem';
import type { PortalContext } from '../portal-context';
import type { PortalRouteHandlers } from './route-handler';

const profileOf = (customer: Customer) => ({
  name: customer.name,
  email: customer.email,
  ...(customer.phone === undefined ? {} : { phone: customer.phone }),
  ...(customer.address === undefined ? {} : { address: customer.address }),
  taxIds: customer.taxIds,
  locale: customer.locale,
});

/** Σ of amounts per currency, exact. */
function perCurrency(entries: readonly { currency: string; amount: string }[]) {
  const totals = new Map<string, ReturnType<typeof money>>();
  for (const { currency, amount } of entries) {
    const sum = totals.get(currency);
    totals.set(currency, sum === undefined ? money(amount, currency) : sum.add(money(amount, currency)));
  }
  return [...totals].map(([currency, amount]) => ({ currency, amount: amount.toString() }));
}

async function upcomingInvoices(portal: PortalContext, customerId: string) {
  const subscriptions = await listAll((page) => portal.billing.subscriptions.list({ ...page, customerId }));
  const live = subscriptions.filter((s) => s.nextBillingAt !== undefined);
  return Promise.all(
    live.map(async (s) => ({
      subscriptionId: s.id,
      invoice: (await portal.billing.subscriptions.preview({ subscriptionId: s.id })) ?? null,
    })),
  );
}

/** The customer's service access from collections, as a plain view. */
async function serviceAccessOf(portal: PortalContext, customerId: string) {
  const access = await portal.billing.collections.access(customerId);
  return { ...access, invoiceIds: [...access.invoiceIds], subscriptionIds: [...access.subscriptionIds] };
}

/** The account overview and the profile. */
export const accountHandlers: Pick<PortalRouteHandlers, 'getAccount' | 'getProfile' | 'updateProfile'> = {
  async getAccount({ portal, session }) {
    const customer = await portal.billing.customers.get(session.customerId);
    const open: Invoice[] = await listAll((page) =>
      portal.billing.invoices.list({ ...page, customerId: customer.id, status: 'open' }),
    );
    const now = portal.clock.now().toISOString();
    const byDue = [...open].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
    const overdue = byDue.filter((invoice) => invoice.dueAt !== undefined && invoice.dueAt < now);
    const currencies = [...new Set([customer.currency, ...open.map((i) => i.currency)])];
    const balances = await Promise.all(currencies.map((c) => portal.billing.balance.get(customer.id, c)));
    return {
      customer: { id: customer.id, name: customer.name, email: customer.email, currency: customer.currency },
      balances: balances.map(({ currency, amount }) => ({ currency, amount })),
      amountDue: perCurrency(open.map((i) => ({ currency: i.currency, amount: i.amountRemaining }))),
      openInvoices: byDue.map((invoice) => ({
        id: invoice.id,
        ...(invoice.number === undefined ? {} : { number: invoice.number }),
        currency: invoice.currency,
        amountRemaining: invoice.amountRemaining,
        ...(invoice.dueAt === undefined ? {} : { dueAt: invoice.dueAt }),
        overdue: overdue.includes(invoice),
      })),
      overdueSince: overdue[0]?.dueAt ?? null,
      upcomingInvoices: await upcomingInvoices(portal, customer.id),
      serviceAccess: await serviceAccessOf(portal, customer.id),
    };
  },
  async getProfile({ portal, session }) {
    return profileOf(await portal.billing.customers.get(session.customerId));
  },
  async updateProfile({ portal, session, body, auditDetails }) {
    if (body.taxIds !== undefined && portal.verifyTaxId !== undefined) {
      for (const [i, taxId] of body.taxIds.entries()) {
        if (!(await portal.verifyTaxId(taxId))) {
          throw new PortalProblem('invalid_input', 'This tax id is not registered', {}, ['body', 'taxIds', i, 'value']);
        }
      }
    }
    const current = await portal.billing.customers.get(session.customerId);
    const { phone, address, ...rest } = body;
    const changes: CustomerUpdate = { ...rest };
    if (phone !== undefined && phone !== null) changes.phone = phone;
    if (address !== undefined && address !== null) changes.address = address;
    // `null` removes an optional field: the engine's update keeps fields it is not given, so clear them explicitly.
    if (phone === null) changes.phone = undefined;
    if (address === null) changes.address = undefined;
    auditDetails.fields = Object.keys(body).sort().join(',');
    const updated = await portal.billing.customers.update(current.id, changes);
    return profileOf(updated);
  },
};
