import { NOTIFICATION_TYPES, notificationDedupeKey } from '@billfold/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailNotifier, type EmailNotifier } from '../src/index';
import { messageIdFor } from '../src/mail-headers';
import { billingStory, type CustomerStory, seller } from './email-fixture';
import { expectedEmails } from './expected-emails';
import { type SmtpHarness, startSmtpServer } from './smtp-harness';
import { flat, htmlText, pdfText, pdftotext } from './tools';

const credentials = { user: 'billfold-mailer', pass: 'Tr0ub4dor&3-horse' };
let smtp: SmtpHarness;
let notifier: EmailNotifier;
let story: Awaited<ReturnType<typeof billingStory>>;

beforeAll(async () => {
  story = await billingStory();
  smtp = await startSmtpServer(credentials);
  notifier = createEmailNotifier({
    smtp: { host: '127.0.0.1', port: smtp.port, requireTLS: false },
    env: { BILLFOLD_SMTP_USER: credentials.user, BILLFOLD_SMTP_PASSWORD: credentials.pass },
    from: { name: 'Acme Billing', address: 'billing@acme.example' },
    replyTo: 'accounts@acme.example',
    billing: story.billing,
    documents: { seller },
    clock: story.clock,
  });
});

afterAll(async () => {
  await notifier.close();
  await smtp.close();
});

const cases = (): [string, 'en' | 'de', CustomerStory][] => [
  ['Ada (English)', 'en', story.ada],
  ['Zoë (German)', 'de', story.zoe],
];

describe.skipIf(!pdftotext.available)('every notification kind through a real SMTP server', () => {
  for (const language of ['en', 'de'] as const) {
    for (const type of NOTIFICATION_TYPES) {
      it(`${type} in ${language}`, async () => {
        const [, , customer] = cases().find(([, lang]) => lang === language) as [string, 'en' | 'de', CustomerStory];
        const notification = customer.notifications.find((n) => n.type === type);
        if (notification === undefined) throw new Error(`no ${type} notification in the story`);
        const expected = expectedEmails(customer, language)[type];
        const before = smtp.received.length;
        await notifier.notify(notification);
        expect(smtp.received).toHaveLength(before + 1);
        const mail = smtp.received[before];
        if (mail === undefined) throw new Error('nothing received');
        const { parsed } = mail;
        // Recipients: the customer alone, in the envelope and the header.
        expect(mail.envelope).toEqual({ from: 'billing@acme.example', to: [customer.customer.email] });
        expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([
          { address: customer.customer.email, name: customer.customer.name },
        ]);
        expect(parsed.from?.value).toEqual([{ address: 'billing@acme.example', name: 'Acme Billing' }]);
        expect(parsed.replyTo?.value).toEqual([{ address: 'accounts@acme.example', name: '' }]);
        expect(parsed.cc).toBeUndefined();
        expect(parsed.bcc).toBeUndefined();
        expect(flat(parsed.subject ?? '')).toBe(expected.subject);
        expect(parsed.messageId).toBe(messageIdFor(notificationDedupeKey(notification), 'acme.example'));
        expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
        expect(parsed.headers.get('x-billfold-notification')).toBe(type);
        expect(parsed.headers.has('list-unsubscribe')).toBe(false);
        expect(parsed.date?.toISOString()).toBe('2026-04-01T06:00:00.000Z');
        // Both bodies say the same.
        const text = flat(parsed.text ?? '');
        const html = htmlText(typeof parsed.html === 'string' ? parsed.html : '');
        for (const sentence of expected.says) {
          expect(text).toContain(sentence);
          expect(html).toContain(sentence);
        }
        for (const [label, value] of expected.facts) {
          expect(text).toContain(`${label}: ${value}`);
          expect(html).toContain(`${label} ${value}`);
        }
        // Every attribute value closes where it should (a stray quote inside a style would end it early).
        expect(parsed.html).not.toMatch(/="[^"]*"[^\s>/]/);
        expect(parsed.html).toContain(`<html lang="${language === 'en' ? 'en-GB' : 'de-DE'}">`);
        // Attachments: names, types and what their PDFs say.
        expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual(
          expected.attachments.map((a) => [a.fileName, 'application/pdf']),
        );
        parsed.attachments.forEach((attachment, index) => {
          const pdf = pdfText(attachment.content);
          for (const snippet of expected.attachments[index]?.pdfSays ?? []) expect(flat(pdf)).toContain(snippet);
        });
      });
    }
  }

  it('authenticated with the credentials from the environment it was given', () => {
    expect(smtp.logins.length).toBeGreaterThan(0);
    expect(new Set(smtp.logins)).toEqual(new Set([credentials.user]));
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
