import { expect, it } from 'vitest';
import { createPortalClient } from '../src/client/index';
import { pdfText, UBL_CREDIT_NOTE_XSD, UBL_INVOICE_XSD, validateXml } from './support/document-tools';
import { describePortalEndToEnd } from './support/portal-e2e';
import type { PortalFixture } from './support/portal-fixture';

/*
 * The portal end to end over real HTTP (Node's http server) on PGlite and on a PostgreSQL server: a customer
 * signs in with a magic link, reads the account, lists and downloads every invoice and credit note in every
 * format, previews and changes plan, cancels at period end; the other customer's session reaches none of it.
 * Payments, receipts and statements: account-documents.e2e.test.ts.
 */

await describePortalEndToEnd('the portal', (portal) => {
  let token: string;
  const a = () => portal().customers[0] as PortalFixture['customers'][number];

  it('signs in with a single-use magic link', async () => {
    const link = await portal().auth.createMagicLink({
      customerId: a().id,
      permissions: ['read', 'manage_plan', 'manage_profile'],
    });
    const first = await portal().call('/auth/magic-link', undefined, {
      method: 'POST',
      body: JSON.stringify({ token: link.token }),
    });
    expect(first.status).toBe(200);
    const session = await first.json();
    expect(session).toMatchObject({ customerId: a().id, permissions: ['read', 'manage_plan', 'manage_profile'] });
    token = session.token;
    const again = await portal().call('/auth/magic-link', undefined, {
      method: 'POST',
      body: JSON.stringify({ token: link.token }),
    });
    expect(again.status).toBe(401);
  });

  it('shows the account: 29.75 EUR owed on the February invoice, nothing overdue, the March invoice ahead', async () => {
    const account = await (await portal().call('/account', token)).json();
    // February: Basic 20.00 + 10 GB × 0.50 = 25.00 net, 19 % VAT 4.75 → 29.75. January was paid (23.80 − 5.00 credit).
    expect(account.amountDue).toEqual([{ currency: 'EUR', amount: '29.75' }]);
    expect(account.openInvoices).toHaveLength(1);
    expect(account.openInvoices[0]).toMatchObject({ amountRemaining: '29.75', overdue: false });
    expect(account.overdueSince).toBeNull();
    expect(account.balances).toEqual([{ currency: 'EUR', amount: '0.00' }]);
    expect(account.upcomingInvoices[0].invoice.total).toBe('23.80');
    // Due 14 days after 1 February: nothing is past due on 10 February, so the service is on.
    expect(account.serviceAccess).toEqual({ state: 'active', reason: 'paid_up', invoiceIds: [], subscriptionIds: [] });
  });

  it('lists invoices by status and page by page', async () => {
    const client = createPortalClient({ baseUrl: portal().url, token });
    const all = await client.get('/invoices');
    expect(all.items.map((i) => i.status)).toEqual(['paid', 'open']);
    const open = await client.get('/invoices', { query: { status: 'open' } });
    expect(open.items.map((i) => i.total)).toEqual(['29.75']);
    const first = await client.get('/invoices', { query: { limit: '1' } });
    expect(first.items).toHaveLength(1);
    const second = await client.get('/invoices', { query: { limit: '1', cursor: first.nextCursor as string } });
    expect(second.items[0]?.id).toBe(all.items[1]?.id);
    expect(JSON.stringify(all)).not.toContain('metadata');
  });

  it('downloads every invoice and credit note in every format', async () => {
    for (const invoiceId of a().invoiceIds) {
      const invoice = await (await portal().call(`/invoices/${invoiceId}`, token)).json();
      const pdf = await portal().call(`/invoices/${invoiceId}/documents/pdf`, token);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
      expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain(invoice.number);
      const html = await (await portal().call(`/invoices/${invoiceId}/documents/html`, token)).text();
      expect(html).toContain(invoice.number);
      const csv = await (await portal().call(`/invoices/${invoiceId}/documents/csv`, token)).text();
      expect(csv).toContain(invoice.number);
      const ubl = validateXml(
        await (await portal().call(`/invoices/${invoiceId}/documents/ubl`, token)).text(),
        UBL_INVOICE_XSD,
      );
      expect(ubl.valid, ubl.output).toBe(true);
    }
    const note = await (await portal().call(`/credit-notes/${a().creditNoteId}`, token)).json();
    expect(note.total).toBe('5.00');
    const notePdf = await portal().call(`/credit-notes/${a().creditNoteId}/documents/pdf`, token);
    expect(pdfText(new Uint8Array(await notePdf.arrayBuffer()))).toContain(note.number);
    const noteUbl = validateXml(
      await (await portal().call(`/credit-notes/${a().creditNoteId}/documents/ubl`, token)).text(),
      UBL_CREDIT_NOTE_XSD,
    );
    expect(noteUbl.valid, noteUbl.output).toBe(true);
    const csv = await (await portal().call('/invoices.csv', token)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(3);
  });

  it('shows usage of the period with its charge so far', async () => {
    const usage = await (await portal().call(`/subscriptions/${a().subscriptionId}/usage`, token)).json();
    expect(usage.meters).toHaveLength(1);
    expect(usage.meters[0]).toMatchObject({ quantity: '0', projectedAmount: '0.00', currency: 'EUR' });
  });

  it('previews a plan change, then makes exactly it once however often it is sent', async () => {
    const options = await (await portal().call(`/subscriptions/${a().subscriptionId}/plan-options`, token)).json();
    expect(options.prices.map((p: { billingCode: string }) => p.billingCode).sort()).toEqual(['INT-BASIC', 'INT-PRO']);
    const items = [{ priceId: portal().prices.pro }, { priceId: portal().prices.data }];
    const preview = await (
      await portal().call(`/subscriptions/${a().subscriptionId}/change-preview`, token, {
        method: 'POST',
        body: JSON.stringify({ items }),
      })
    ).json();
    // 10 Feb 10:00 in a 28-day February: 18 days 14 h of 28 days left.
    // Unused Basic −20.00 × 0.6637 = −13.27; remaining Pro 50.00 × 0.6637 = 33.18.
    expect(preview.prorationLines.map((l: { amount: string }) => l.amount)).toEqual(['-13.27', '33.18']);
    expect(preview.subscription.items.map((i: { priceId: string }) => i.priceId)).toEqual([
      portal().prices.pro,
      portal().prices.data,
    ]);
    const unchanged = await (await portal().call(`/subscriptions/${a().subscriptionId}`, token)).json();
    expect(unchanged.subscription.items[0].priceId).toBe(portal().prices.basic);

    const confirm = () =>
      portal().call(`/subscriptions/${a().subscriptionId}/change`, token, {
        method: 'POST',
        body: JSON.stringify({ quote: preview.quote }),
        idempotencyKey: 'change-1',
      });
    const changed = await confirm();
    expect(changed.status).toBe(200);
    const result = await changed.json();
    expect(result.subscription.pendingLines.map((l: { amount: string }) => l.amount)).toEqual(['-13.27', '33.18']);
    const replay = await (await confirm()).json();
    expect(replay).toEqual(result);
    const upcoming = await (await portal().call(`/subscriptions/${a().subscriptionId}/upcoming-invoice`, token)).json();
    // March: Pro 50.00 + proration 19.91 = 69.91 net, 19 % VAT 13.28 → 83.19.
    expect(upcoming.invoice.total).toBe('83.19');
  });

  it('cancels at the end of the period with a reason, and audits every change', async () => {
    const cancel = () =>
      portal().call(`/subscriptions/${a().subscriptionId}/cancel`, token, {
        method: 'POST',
        body: JSON.stringify({ atPeriodEnd: true, reason: 'too_expensive' }),
        idempotencyKey: 'cancel-1',
      });
    const result = await (await cancel()).json();
    expect(result.subscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'active' });
    expect((await (await cancel()).json()).subscription.canceledAt).toBe(result.subscription.canceledAt);
    const actions = portal()
      .audit.entries.filter((e) => e.customerId === a().id && e.status < 300)
      .map((e) => e.action);
    expect(actions).toEqual([
      'redeemMagicLink',
      'changePlan',
      'changePlan',
      'cancelSubscription',
      'cancelSubscription',
    ]);
    expect(portal().audit.entries.find((e) => e.action === 'cancelSubscription')?.details.reason).toBe('too_expensive');
  });

  it("gives the other customer's session none of it", async () => {
    const other = await portal().token((portal().customers[1] as PortalFixture['customers'][number]).id);
    for (const path of [
      `/invoices/${a().invoiceIds[0]}`,
      `/invoices/${a().invoiceIds[0]}/documents/pdf`,
      `/credit-notes/${a().creditNoteId}/documents/ubl`,
      `/subscriptions/${a().subscriptionId}`,
      `/subscriptions/${a().subscriptionId}/usage`,
    ]) {
      expect((await portal().call(path, other)).status, path).toBe(404);
    }
    const theirs = await (await portal().call('/invoices', other)).json();
    expect(theirs.items.every((i: { customerId: string }) => i.customerId !== a().id)).toBe(true);
  });
});
