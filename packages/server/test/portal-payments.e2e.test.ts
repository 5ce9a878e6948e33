import { beforeAll, expect, it } from 'vitest';
import { GATEWAY_SPECS, type PaymentsPortalFixture, startPaymentsPortal } from './support/gateway-fakes';
import { describePortalEndToEnd } from './support/portal-e2e';

/*
 * Paying in the portal end to end: real HTTP (Node's http server) on PGlite and on a PostgreSQL server, the portal
 * paying through the engine (`createEnginePaymentFlows`) whose gateways are the Stripe and the PayPal adapter, each
 * against its loopback fake (every request and answer checked against the provider's OpenAPI description).
 *
 * Customer A (seeded, German VAT 19 %) owes two invoices:
 * - the February cycle invoice: Basic 20.00 + 10 GB × 0.50 = 25.00 net, + 4.75 VAT = 29.75 EUR — paid by card
 *   through Stripe;
 * - a one-off invoice this file adds on 10 February: installation 40.00 net, + 7.60 VAT = 47.60 EUR — paid through
 *   PayPal.
 * Customer B's session reaches neither the invoices nor the payments.
 */

await describePortalEndToEnd(
  'paying in the portal through Stripe and PayPal',
  (portal) => {
    const tokens = { a: '', b: '' };
    const invoices = { february: '', installation: '' };
    const a = () => portal().customers[0] as PaymentsPortalFixture['customers'][number];
    const b = () => portal().customers[1] as PaymentsPortalFixture['customers'][number];
    const pay = (token: string, key: string, body: unknown) =>
      portal().call('/payments', token, { method: 'POST', idempotencyKey: key, body: JSON.stringify(body) });
    const confirm = (token: string, key: string, paymentId: string, body: unknown = {}) =>
      portal().call(`/payments/${paymentId}/confirm`, token, {
        method: 'POST',
        idempotencyKey: key,
        body: JSON.stringify(body),
      });
    const charged = () => ({
      stripe: portal().fakes.stripe.succeededCharges().length,
      paypal: portal().fakes.paypal.completedCaptures().length,
    });
    /** The attempt the engine made for an invoice: its provider payment id is what the browser step acts on. */
    const attemptOf = async (invoiceId: string) => {
      const { items } = await portal().billing.payments.listAttempts({ invoiceId });
      expect(items).toHaveLength(1);
      return items[0] as (typeof items)[number];
    };
    const ledgerPayments = async (token: string) => (await (await portal().call('/payments', token)).json()).items;
    const invoice = async (token: string, id: string) => (await portal().call(`/invoices/${id}`, token)).json();
    /** A's only ledger payment through `gateway`: the provider's payment id, all of it on the invoice paid. */
    const expectLedgerPayment = async (
      gateway: string,
      providerPaymentId: string,
      invoiceId: string,
      amount: string,
    ) => {
      const through = (await ledgerPayments(tokens.a)).filter(
        (payment: { gateway?: string }) => payment.gateway === gateway,
      );
      expect(through).toEqual([
        expect.objectContaining({
          method: 'gateway',
          gateway,
          providerPaymentId,
          amount,
          currency: 'EUR',
          status: 'succeeded',
          allocations: [{ invoiceId, amount }],
          unapplied: '0.00',
        }),
      ]);
    };

    beforeAll(async () => {
      tokens.a = await portal().token(a().id);
      tokens.b = await portal().token(b().id);
      invoices.february = a().invoiceIds[1] as string;
      invoices.installation = (
        await portal().billing.invoices.createOneOff({
          customerId: a().id,
          lines: [{ description: 'Installation', amount: '40.00' }],
          autoFinalize: true,
        })
      ).id;
    });

    it('A owes 29.75 on the February invoice and 47.60 on the installation; nothing is charged yet', async () => {
      expect(await invoice(tokens.a, invoices.february)).toMatchObject({ status: 'open', amountRemaining: '29.75' });
      expect(await invoice(tokens.a, invoices.installation)).toMatchObject({
        status: 'open',
        amountRemaining: '47.60',
      });
      expect(charged()).toEqual({ stripe: 0, paypal: 0 });
    });

    it('B’s session cannot pay A’s invoices: 404, nothing at either provider, nothing changed', async () => {
      const before = await portal().snapshot();
      const requests = portal().fakes.stripe.server.requests.length + portal().fakes.paypal.server.requests.length;
      for (const gateway of ['stripe', 'paypal']) {
        const refused = await pay(tokens.b, `b-pays-a-${gateway}`, { invoiceIds: [invoices.february], gateway });
        expect(refused.status).toBe(404);
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await portal().call(`/invoices/${invoices.installation}`, tokens.b)).status).toBe(404);
      expect(portal().fakes.stripe.server.requests.length + portal().fakes.paypal.server.requests.length).toBe(
        requests,
      );
      expect(await portal().snapshot()).toBe(before);
    });

    it('pays the February invoice by card through Stripe: client secret, the card step, confirm → paid', async () => {
      const answer = await pay(tokens.a, 'pay-february', { invoiceIds: [invoices.february], gateway: 'stripe' });
      expect(answer.status).toBe(201);
      const intent = await answer.json();
      // No saved card: Stripe.js collects one in the browser with the PaymentIntent's client secret.
      expect(intent).toMatchObject({ gateway: 'stripe', status: 'requires_action', amount: '29.75', currency: 'EUR' });
      expect(intent.clientSecret).toMatch(/^pi_.+_secret_/);
      expect(intent.approvalUrl).toBeUndefined();
      const attempt = await attemptOf(invoices.february);
      expect(attempt).toMatchObject({ id: intent.paymentId, gateway: 'stripe', amount: '29.75' });
      const providerPaymentId = attempt.providerPaymentId as string;
      expect(intent.clientSecret.startsWith(`${providerPaymentId}_secret_`)).toBe(true);
      // A double click before the card step: the same key gives back the same PaymentIntent, nothing more.
      const repeated = await pay(tokens.a, 'pay-february', { invoiceIds: [invoices.february], gateway: 'stripe' });
      expect(await repeated.json()).toMatchObject({ paymentId: intent.paymentId, clientSecret: intent.clientSecret });
      expect(portal().fakes.stripe.intents.size).toBe(1);
      // The customer's card, entered in Stripe's fields: 29.75 EUR is 2975 cents at Stripe.
      portal().fakes.stripe.completeAction(providerPaymentId);
      expect(portal().fakes.stripe.intents.get(providerPaymentId)).toMatchObject({ amount: 2975, currency: 'eur' });
      const confirmed = await confirm(tokens.a, 'confirm-february', intent.paymentId);
      expect(confirmed.status).toBe(200);
      expect(await confirmed.json()).toMatchObject({ paymentId: intent.paymentId, status: 'succeeded' });
      expect(await invoice(tokens.a, invoices.february)).toMatchObject({
        status: 'paid',
        amountPaid: '29.75',
        amountRemaining: '0.00',
      });
      await expectLedgerPayment('stripe', providerPaymentId, invoices.february, '29.75');
      expect(charged()).toEqual({ stripe: 1, paypal: 0 });
    });

    it('the same pay request with the same key, after the payment, charges nothing more', async () => {
      const again = await pay(tokens.a, 'pay-february', { invoiceIds: [invoices.february], gateway: 'stripe' });
      // The invoice is paid now: the repeat is refused before any gateway is asked.
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ code: 'invalid_state' });
      expect(charged()).toEqual({ stripe: 1, paypal: 0 });
      expect(await portal().billing.payments.listAttempts({ invoiceId: invoices.february })).toMatchObject({
        items: [expect.objectContaining({ status: 'succeeded' })],
      });
    });

    it('pays the installation through PayPal: approval URL, the buyer approves, confirm captures → paid', async () => {
      const body = {
        invoiceIds: [invoices.installation],
        gateway: 'paypal',
        returnUrl: 'https://app.host.test/billing/paid',
      };
      const answer = await pay(tokens.a, 'pay-installation', body);
      expect(answer.status).toBe(201);
      const order = await answer.json();
      expect(order).toMatchObject({ gateway: 'paypal', status: 'requires_action', amount: '47.60', currency: 'EUR' });
      expect(order.clientSecret).toBeUndefined();
      const providerPaymentId = (await attemptOf(invoices.installation)).providerPaymentId as string;
      expect(order.approvalUrl).toBe(`https://www.sandbox.paypal.com/checkoutnow?token=${providerPaymentId}`);
      // A double click while the buyer is at PayPal: the same key gives back the same order, and nothing is taken.
      const repeated = await pay(tokens.a, 'pay-installation', body);
      expect(await repeated.json()).toMatchObject({ paymentId: order.paymentId, approvalUrl: order.approvalUrl });
      expect(charged()).toEqual({ stripe: 1, paypal: 0 });

      portal().fakes.paypal.approve(providerPaymentId);
      // B's session cannot finish A's approved order: 404, nothing captured.
      const before = await portal().snapshot();
      expect((await confirm(tokens.b, 'b-confirms-a', order.paymentId)).status).toBe(404);
      expect(charged()).toEqual({ stripe: 1, paypal: 0 });
      expect(await portal().snapshot()).toBe(before);

      const confirmed = await confirm(tokens.a, 'confirm-installation', order.paymentId, {
        providerReference: providerPaymentId,
      });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.json()).toMatchObject({ paymentId: order.paymentId, status: 'succeeded' });
      expect(await invoice(tokens.a, invoices.installation)).toMatchObject({ status: 'paid', amountPaid: '47.60' });
      const [capture] = portal().fakes.paypal.completedCaptures();
      expect(capture).toMatchObject({ amount: { currency_code: 'EUR', value: '47.60' } });
      await expectLedgerPayment('paypal', providerPaymentId, invoices.installation, '47.60');
      // Confirming again (a reload of the return page) captures nothing more.
      expect(await (await confirm(tokens.a, 'confirm-installation-2', order.paymentId)).json()).toMatchObject({
        status: 'succeeded',
      });
      expect(charged()).toEqual({ stripe: 1, paypal: 1 });
    });

    it('B’s session reaches none of A’s payments, and B owes what B owed', async () => {
      const before = await portal().snapshot();
      const payments = (await ledgerPayments(tokens.a)).filter(
        (payment: { method: string }) => payment.method === 'gateway',
      );
      expect(payments).toHaveLength(2);
      for (const { id } of payments) {
        expect((await portal().call(`/payments/${id}`, tokens.b)).status).toBe(404);
        expect((await portal().call(`/payments/${id}/receipt/pdf`, tokens.b)).status).toBe(404);
        expect((await portal().call(`/payments/${id}`, tokens.a)).status).toBe(200);
      }
      for (const id of [invoices.february, invoices.installation]) {
        const attempt = await attemptOf(id);
        expect((await confirm(tokens.b, `b-confirms-${id}`, attempt.id)).status).toBe(404);
      }
      expect((await ledgerPayments(tokens.b)).map((payment: { id: string }) => payment.id)).toEqual([b().paymentId]);
      // B's February invoice: Basic 20.00 + 20 GB × 0.50 = 30.00 net, + 5.70 VAT = 35.70, still open.
      expect(await invoice(tokens.b, b().invoiceIds[1] as string)).toMatchObject({
        status: 'open',
        amountRemaining: '35.70',
      });
      expect(charged()).toEqual({ stripe: 1, paypal: 1 });
      expect(await portal().snapshot()).toBe(before);
    });

    it('every request to and answer from the fakes kept to the providers’ OpenAPI descriptions', () => {
      expect(portal().fakes.stripe.server.requests.length).toBeGreaterThan(0);
      expect(portal().fakes.paypal.server.requests.length).toBeGreaterThan(0);
      expect(portal().fakes.violations()).toEqual([]);
    });
  },
  { start: startPaymentsPortal, unavailable: GATEWAY_SPECS.reason },
);
