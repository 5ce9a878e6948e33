import { inspect } from 'node:util';
import { type BillingError, isBillingError, notificationDedupeKey } from '@billfold/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailNotifier, type EmailNotifier } from '../src/index';
import { messageIdFor } from '../src/mail-headers';
import { dispatch } from './dispatch';
import { billingStory, seller } from './email-fixture';
import { type SmtpHarness, startSmtpServer } from './smtp-harness';

const credentials = { user: 'billfold-mailer', pass: 'Tr0ub4dor&3-horse' };
let story: Awaited<ReturnType<typeof billingStory>>;
let smtp: SmtpHarness;

const notifierFor = (port: number, extra: { pass?: string; socketTimeoutMs?: number } = {}): EmailNotifier =>
  createEmailNotifier({
    smtp: { host: '127.0.0.1', port, requireTLS: false, socketTimeoutMs: extra.socketTimeoutMs ?? 30_000 },
    env: { BILLFOLD_SMTP_USER: credentials.user, BILLFOLD_SMTP_PASSWORD: extra.pass ?? credentials.pass },
    from: 'billing@acme.example',
    billing: story.billing,
    documents: { seller },
  });

const asBillingError = (error: unknown): BillingError => {
  if (!isBillingError(error)) throw new Error(`expected a BillingError, got ${String(error)}`);
  return error;
};

/** Every rendering of an error a log could print: message, stack, JSON and util.inspect. */
const everyForm = (error: unknown) => {
  const e = error as Error;
  return [e.message, e.stack ?? '', JSON.stringify(error), inspect(error, { depth: 5 })].join('\n');
};

beforeAll(async () => {
  story = await billingStory();
  smtp = await startSmtpServer(credentials);
});

afterAll(async () => {
  await smtp.close();
});

describe('delivery faults, each ending in a classified error and one delivered message', () => {
  it('retries a 4xx (451 at RCPT) and delivers once', async () => {
    const notifier = notifierFor(smtp.port);
    const notification = story.ada.notifications[0];
    if (!notification) throw new Error('no notification');
    const before = smtp.received.length;
    smtp.fault({ at: 'RCPT', reply: 451, message: '4.3.0 Mailbox temporarily unavailable' });
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(2);
    const error = asBillingError(result.errors[0]);
    expect([error.code, error.delivery]).toEqual([
      'delivery_unavailable',
      {
        channel: 'smtp',
        retryable: true,
        outcomeUnknown: false,
        responseCode: 451,
        enhancedStatus: '4.3.0',
        command: 'RCPT TO',
      },
    ]);
    expect(error.message).toContain('Mailbox temporarily unavailable');
    expect(smtp.received.slice(before).map((m) => m.messageId)).toEqual([
      messageIdFor(notificationDedupeKey(notification), 'acme.example'),
    ]);
    await notifier.close();
  });

  it('retries a 421 at MAIL FROM and delivers once', async () => {
    const notifier = notifierFor(smtp.port);
    const notification = story.ada.notifications[1];
    if (!notification) throw new Error('no notification');
    const before = smtp.received.length;
    smtp.fault({ at: 'MAIL', reply: 421, message: '4.7.0 Too many connections, try again later' });
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(2);
    expect(asBillingError(result.errors[0]).delivery).toMatchObject({ responseCode: 421, retryable: true });
    expect(smtp.received.length - before).toBe(1);
    await notifier.close();
  });

  it('dead-letters a 5xx (550 unknown recipient) after one attempt; the re-sent dead letter arrives once', async () => {
    const notifier = notifierFor(smtp.port);
    const notification = story.ada.notifications[2];
    if (!notification) throw new Error('no notification');
    const before = smtp.received.length;
    smtp.fault({ at: 'RCPT', reply: 550, message: '5.1.1 <ada@example.com>: Recipient address rejected' });
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(1);
    const error = asBillingError(result.deadLetter);
    expect([
      error.code,
      error.delivery?.retryable,
      error.delivery?.responseCode,
      error.delivery?.enhancedStatus,
    ]).toEqual(['delivery_rejected', false, 550, '5.1.1']);
    expect(error.message).toMatch(/^The mail server refused the email for good \(SMTP 550 5\.1\.1 at RCPT TO\)/);
    expect(smtp.received.length).toBe(before);
    // Once the cause is fixed, the dead letter is re-sent: it arrives once, under the same Message-ID.
    const resent = await dispatch(notifier, notification);
    expect(resent.attempts).toBe(1);
    expect(smtp.received.slice(before).map((m) => m.messageId)).toEqual([
      messageIdFor(notificationDedupeKey(notification), 'acme.example'),
    ]);
    await notifier.close();
  });

  it('retries a connection dropped after the server stored the message: the repeat has the same Message-ID', async () => {
    const notifier = notifierFor(smtp.port);
    const notification = story.ada.notifications[3];
    if (!notification) throw new Error('no notification');
    const before = smtp.received.length;
    smtp.fault({ at: 'DATA', drop: 'after-storing' });
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(2);
    const error = asBillingError(result.errors[0]);
    expect(error.code).toBe('delivery_unavailable');
    // The client cannot know whether the server kept it.
    expect(error.delivery?.outcomeUnknown).toBe(true);
    const arrived = smtp.received.slice(before);
    expect(arrived).toHaveLength(2);
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(1);
    // A receiver that drops repeats by Message-ID keeps exactly one.
    expect(smtp.deduplicated().filter((m) => m.messageId === arrived[0]?.messageId)).toHaveLength(1);
    await notifier.close();
  });

  it('gives up on a server slower than the socket timeout, then delivers once when it answers again', async () => {
    const notifier = notifierFor(smtp.port, { socketTimeoutMs: 150 });
    const notification = story.zoe.notifications[0];
    if (!notification) throw new Error('no notification');
    const before = smtp.received.length;
    smtp.fault({ at: 'MAIL', hold: true });
    const first = notifier.notify(notification).then(
      () => undefined,
      (error: unknown) => error,
    );
    await smtp.held(); // the server has the MAIL FROM and says nothing
    const error = asBillingError(await first);
    smtp.release();
    // nodemailer does not say at which step the line went quiet: the outcome counts as unknown.
    expect([error.code, error.delivery?.retryable, error.delivery?.outcomeUnknown]).toEqual([
      'delivery_unavailable',
      true,
      true,
    ]);
    expect(error.message).toContain('ETIMEDOUT');
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(1);
    expect(smtp.received.length - before).toBe(1);
    await notifier.close();
  });

  it('retries while the server is down (connection refused), without a Message-ID reaching anyone', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    const notifier = notifierFor(port);
    const notification = story.zoe.notifications[1];
    if (!notification) throw new Error('no notification');
    const result = await dispatch(notifier, notification, 2);
    expect(result.attempts).toBe(2);
    const error = asBillingError(result.deadLetter);
    expect([error.code, error.delivery?.retryable, error.delivery?.command]).toEqual([
      'delivery_unavailable',
      true,
      'CONN',
    ]);
    await notifier.close();
  });

  it('dead-letters failed authentication without the credentials in any form, even when the server echoes them', async () => {
    const wrong = 'wrong-Pa55word-9';
    const notifier = notifierFor(smtp.port, { pass: wrong });
    const notification = story.zoe.notifications[2];
    if (!notification) throw new Error('no notification');
    const result = await dispatch(notifier, notification);
    expect(result.attempts).toBe(1);
    const error = asBillingError(result.deadLetter);
    expect([error.code, error.delivery?.responseCode, error.delivery?.command]).toEqual([
      'delivery_rejected',
      535,
      'AUTH',
    ]);
    const printed = everyForm(error);
    expect(printed).toContain('[redacted]');
    for (const secret of [
      wrong,
      Buffer.from(wrong).toString('base64'),
      Buffer.from(`\u0000${credentials.user}\u0000${wrong}`).toString('base64'),
    ]) {
      expect(printed).not.toContain(secret);
    }
    await notifier.close();
  });

  it('delivers every notification of a story exactly once through a mix of faults', async () => {
    const notifier = notifierFor(smtp.port);
    const notifications = story.zoe.notifications.slice(3, 9);
    const before = smtp.received.length;
    const faults = [
      { at: 'RCPT', reply: 452, message: '4.2.2 Mailbox full' },
      { at: 'DATA', drop: 'after-storing' },
      { at: 'MAIL', reply: 421, message: '4.4.5 Busy' },
      { at: 'DATA', reply: 451, message: '4.3.0 Local error in processing' },
    ] as const;
    for (const [index, notification] of notifications.entries()) {
      const fault = faults[index % faults.length];
      if (fault) smtp.fault(fault);
      const result = await dispatch(notifier, notification);
      expect(result.deadLetter).toBeUndefined();
    }
    const arrived = smtp.received.slice(before);
    const ids = notifications.map((n) => messageIdFor(notificationDedupeKey(n), 'acme.example'));
    // Two drops stored a message the client never heard about: seen twice on the wire, once after dedupe.
    expect(arrived).toHaveLength(notifications.length + 2);
    expect([...new Set(arrived.map((m) => m.messageId))].sort()).toEqual([...ids].sort());
    await notifier.close();
  });
});
