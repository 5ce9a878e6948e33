import { expect, it } from 'vitest';
import { describePortalEndToEnd } from './support/portal-e2e';
import { type PortalFixture, startPortal } from './support/portal-fixture';

/*
 * Pause and resume in the portal over real HTTP on PGlite and PostgreSQL, on a host that offers pauses of at most
 * 30 days billed on the subscription's schedule: a cancellation at period end is withdrawn and the next invoice is
 * still previewed; a pause is resumed; another customer's session and a session without `manage_plan` change nothing.
 */

await describePortalEndToEnd(
  'pause and resume in the portal',
  (portal) => {
    const a = () => portal().customers[0] as PortalFixture['customers'][number];
    const b = () => portal().customers[1] as PortalFixture['customers'][number];
    const post = (action: string, token: string, key: string, body: unknown = {}) =>
      portal().call(`/subscriptions/${a().subscriptionId}/${action}`, token, {
        method: 'POST',
        body: JSON.stringify(body),
        idempotencyKey: key,
      });
    const subscription = async (token: string) =>
      (await (await portal().call(`/subscriptions/${a().subscriptionId}`, token)).json()).subscription;

    it('withdraws a cancellation at period end: it renews, and the March invoice is still previewed', async () => {
      const token = await portal().token(a().id);
      const cancelled = await (await post('cancel', token, 'cancel-1', { reason: 'unused' })).json();
      expect(cancelled.subscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'active' });
      const resume = () => post('resume', token, 'resume-1');
      const answer = await resume();
      expect(answer.status).toBe(200);
      const kept = await answer.json();
      expect(kept.invoices).toEqual([]);
      expect(kept.subscription).toMatchObject({ cancelAtPeriodEnd: false, status: 'active' });
      expect(kept.subscription.canceledAt).toBeUndefined();
      // A retry changes nothing more.
      expect((await (await resume()).json()).subscription).toEqual(kept.subscription);
      expect(await subscription(token)).toEqual(kept.subscription);
      const upcoming = await (await portal().call(`/subscriptions/${a().subscriptionId}/upcoming-invoice`, token)).json();
      // March in advance: Basic 20.00, 19 % VAT 3.80 → 23.80 (a cancelled subscription would charge nothing ahead).
      expect(upcoming.invoice.total).toBe('23.80');
      expect(upcoming.invoice.periodStart).toBe('2026-03-01T00:00:00.000Z');
    });

    it('pauses for at most 30 days, refuses longer, and resumes inside the paid period at no charge', async () => {
      const token = await portal().token(a().id);
      const tooLong = await post('pause', token, 'pause-long', { resumeAt: '2026-06-01T00:00:00Z' });
      expect(tooLong.status).toBe(400);
      expect((await tooLong.json()).path).toEqual(['body', 'resumeAt']);
      expect((await subscription(token)).status).toBe('active');
      const pause = () => post('pause', token, 'pause-1');
      const paused = await (await pause()).json();
      const thirtyDays = new Date(portal().clock.now().getTime() + 30 * 86_400_000).toISOString();
      expect(paused.subscription).toMatchObject({
        status: 'paused',
        pause: { behavior: 'keep_schedule', pausedAt: portal().clock.now().toISOString(), resumeAt: thirtyDays },
      });
      expect((await (await pause()).json()).subscription).toEqual(paused.subscription);
      const resumed = await (await post('resume', token, 'resume-2')).json();
      // Resumed in the period the pause began in, which was paid: nothing charged.
      expect(resumed.invoices).toEqual([]);
      expect(resumed.subscription.status).toBe('active');
      expect(resumed.subscription.pause).toBeUndefined();
      const actions = portal()
        .audit.entries.filter((e) => e.customerId === a().id && e.status < 300)
        .map((e) => [e.action, e.details.behavior ?? e.details.withdrew]);
      // The retried resume found nothing left to withdraw; the retried pause found it paused already.
      expect(actions.slice(-5)).toEqual([
        ['resumeSubscription', 'cancellation'],
        ['resumeSubscription', undefined],
        ['pauseSubscription', 'keep_schedule'],
        ['pauseSubscription', undefined],
        ['resumeSubscription', 'pause'],
      ]);
    });

    it("gives another customer's session 404 and a session without manage_plan 403, changing nothing", async () => {
      const own = await portal().token(a().id);
      const before = await subscription(own);
      const other = await portal().token(b().id);
      const readOnly = await portal().token(a().id, ['read', 'pay']);
      for (const action of ['pause', 'resume']) {
        expect((await post(action, other, `b-${action}`)).status, action).toBe(404);
        expect((await post(action, readOnly, `r-${action}`)).status, action).toBe(403);
      }
      await (await post('cancel', own, 'cancel-2', { reason: 'other' })).json();
      expect((await post('resume', other, 'b-resume-2')).status).toBe(404);
      expect((await subscription(own)).cancelAtPeriodEnd).toBe(true);
      const kept = await (await post('resume', own, 'resume-3')).json();
      // Back as it was: only the time of the last change moved (the clock stands still in this fixture).
      expect(kept.subscription).toEqual(before);
    });
  },
  { start: (storage) => startPortal(storage, { pause: { behavior: 'keep_schedule', maxDays: 30 } }) },
);
