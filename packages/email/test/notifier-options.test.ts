import { type BillingNotification, isBillingError, notificationDedupeKey } from '@billfold/core';
import type { SendMailOptions } from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createEmailNotifier,
  type EmailNotifierOptions,
  emailCatalog,
  englishEmailMessages,
  englishEmails,
} from '../src/index';
import { messageIdFor } from '../src/mail-headers';
import { billingStory, seller } from './email-fixture';

let story: Awaited<ReturnType<typeof billingStory>>;

beforeAll(async () => {
  story = await billingStory();
});

/** A transport that keeps what it is given. */
function capture() {
  const sent: SendMailOptions[] = [];
  return { sent, transport: { sendMail: async (mail: SendMailOptions) => void sent.push(mail) } };
}

function notifier(extra: Partial<EmailNotifierOptions> = {}) {
  const { sent, transport } = capture();
  const email = createEmailNotifier({
    transport,
    from: 'billing@acme.example',
    billing: story.billing,
    documents: { seller },
    clock: story.clock,
    ...extra,
  });
  return { email, sent };
}

async function failure(promise: Promise<unknown>): Promise<[string, ...(string | number)[]]> {
  try {
    await promise;
  } catch (error) {
    if (isBillingError(error)) return [error.code, ...error.path];
    throw error;
  }
  throw new Error('expected a failure');
}

const kind = (type: BillingNotification['type'], customer = story.ada) =>
  customer.notifications.find((n) => n.type === type) as BillingNotification;

describe('createEmailNotifier', () => {
  it('takes a host template for a kind, in every language, with the built-in words and frame at hand', async () => {
    const { email } = notifier({
      templates: {
        'invoice.reminder': (view, parts, layout) =>
          layout({ ...parts, subject: `[${view.language}] ${parts.subject} (step ${view.notification.reminderStep})` }),
      },
    });
    expect((await email.compose(kind('invoice.reminder'))).subject).toBe(
      `[en] Reminder 2: invoice ${story.ada.installation.number} (step 2)`,
    );
    const german = await email.compose(kind('invoice.reminder', story.zoe));
    expect(german.subject).toBe(`[de] 2. Zahlungserinnerung: Rechnung ${story.zoe.installation.number} (step 2)`);
    expect(german.text).toContain('Guten Tag Zoë Müller,');
  });

  it('writes a language the host adds, and English for one nobody has', async () => {
    const french = emailCatalog({
      ...englishEmailMessages,
      greeting: (name) => `Bonjour ${name},`,
      signOff: 'Cordialement',
      finalized: { ...englishEmailMessages.finalized, subject: (invoice, from) => `Facture ${invoice} de ${from}` },
    });
    const { email } = notifier({ locales: { fr: french } });
    await story.billing.customers.update(story.ada.customer.id, { locale: 'fr-FR' });
    try {
      const fr = await email.compose(kind('invoice.finalized'));
      expect([fr.language, fr.subject]).toEqual(['fr', `Facture ${story.ada.installation.number} de Acme GmbH`]);
      expect(fr.text).toMatch(/^Bonjour Ada Lovelace,/);
      expect(fr.html).toContain('<html lang="fr-FR">');
      // French amounts, from the customer's locale.
      expect(fr.text).toContain('100,00\u00a0€');
      await story.billing.customers.update(story.ada.customer.id, { locale: 'ja-JP' });
      const ja = await email.compose(kind('invoice.finalized'));
      expect([ja.language, ja.subject]).toEqual(['en', `Invoice ${story.ada.installation.number} from Acme GmbH`]);
      expect(ja.html).toContain('<html lang="en">');
      expect(ja.attachments.map((a) => a.fileName)).toEqual([`${story.ada.installation.number}.pdf`]);
    } finally {
      await story.billing.customers.update(story.ada.customer.id, { locale: 'en-GB' });
    }
  });

  it('attaches the receipt of a host renderer given as renderReceipt instead of the built-in one', async () => {
    const seen: [string, string[], string | undefined, string | undefined][] = [];
    const { email } = notifier({
      renderReceipt: async (payment, invoices, options) => {
        seen.push([payment.id, invoices.map((i) => i.id), options.locale, options.customer?.name]);
        return { body: 'our receipt', mimeType: 'text/plain', fileName: `ours-${payment.id}.txt` };
      },
    });
    const composed = await email.compose(kind('payment.received', story.zoe));
    expect(composed.attachments).toEqual([
      { fileName: `ours-${story.zoe.payment.id}.txt`, mimeType: 'text/plain', content: 'our receipt' },
    ]);
    expect(seen).toEqual([[story.zoe.payment.id, [story.zoe.installation.id], 'de-DE', 'Zoë Müller']]);
  });

  it('gives every delivery of a notification the same Message-ID, threads follow-ups under the invoice', async () => {
    const { email, sent } = notifier();
    const reminder = kind('invoice.reminder');
    await email.notify(reminder);
    await email.notify(reminder);
    await email.notify(kind('invoice.overdue'));
    const ids = sent.map((mail) => mail.messageId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[0]).toBe(messageIdFor(notificationDedupeKey(reminder), 'acme.example'));
    const parent = messageIdFor(`invoice.finalized/${story.ada.installation.id}`, 'acme.example');
    expect([sent[0]?.inReplyTo, sent[0]?.references]).toEqual([parent, [parent]]);
    expect(sent[0]?.date).toEqual(story.clock.now());
    expect(sent[0]?.envelope).toEqual({ from: 'billing@acme.example', to: ['ada@example.com'] });
  });

  it('logs what it did without addresses or credentials', async () => {
    const lines: [string, Readonly<Record<string, unknown>>][] = [];
    const record = (message: string, fields: Readonly<Record<string, unknown>>) => void lines.push([message, fields]);
    const failing = {
      sendMail: async () => {
        throw Object.assign(new Error('Mailbox full'), {
          code: 'EENVELOPE',
          responseCode: 452,
          response: '452 4.2.2 Mailbox full',
        });
      },
    };
    const { email } = notifier({
      logger: { info: record, warn: record },
      kinds: ['invoice.finalized', 'invoice.overdue'],
    });
    await email.notify(kind('invoice.finalized'));
    await email.notify(kind('invoice.paid'));
    const broken = createEmailNotifier({
      transport: failing,
      from: 'billing@acme.example',
      billing: story.billing,
      documents: { seller },
      logger: { info: record, warn: record },
    });
    expect((await failure(broken.notify(kind('invoice.overdue'))))[0]).toBe('delivery_unavailable');
    expect(lines.map(([message, fields]) => [message, fields.type, fields.code ?? null])).toEqual([
      ['email sent', 'invoice.finalized', null],
      ['email skipped: kind not emailed', 'invoice.paid', null],
      ['email not delivered', 'invoice.overdue', 'delivery_unavailable'],
    ]);
    expect(JSON.stringify(lines)).not.toContain('@example.com');
    expect(lines[0]?.[1]).toMatchObject({ customerId: story.ada.customer.id, attachments: 1 });
  });

  it('acknowledges kinds it does not email without sending', async () => {
    const { email, sent } = notifier({ kinds: ['invoice.finalized'] });
    await email.notify(kind('invoice.paid'));
    expect(sent).toHaveLength(0);
    await email.notify(kind('invoice.finalized'));
    expect(sent).toHaveLength(1);
  });

  it('refuses a notification that names another customer’s records, a missing record, a malformed one', async () => {
    const { email, sent } = notifier();
    const stolen = { ...kind('invoice.finalized'), customerId: story.zoe.customer.id };
    expect(await failure(email.notify(stolen))).toEqual(['invalid_input', 'notification', 'invoiceId']);
    const gone = { ...kind('invoice.finalized'), invoiceId: 'inv_missing' };
    expect((await failure(email.notify(gone)))[0]).toBe('not_found');
    const { reminderStep: _, ...noStep } = kind('invoice.reminder') as BillingNotification & { reminderStep: number };
    expect(await failure(email.notify(noStep as BillingNotification))).toEqual([
      'invalid_input',
      'notification',
      'reminderStep',
    ]);
    expect(sent).toHaveLength(0);
  });

  it('takes SMTP credentials only from the environment', () => {
    const base = { from: 'billing@acme.example', billing: story.billing, documents: { seller } } as const;
    const inline = () =>
      createEmailNotifier({ ...base, smtp: { host: 'smtp.example.com', auth: { user: 'u', pass: 'p' } } as never });
    expect(inline).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['options', 'smtp', 'auth'] }));
    expect(inline).toThrow(/BILLFOLD_SMTP_USER and BILLFOLD_SMTP_PASSWORD/);
    const half = () =>
      createEmailNotifier({ ...base, smtp: { host: 'smtp.example.com' }, env: { BILLFOLD_SMTP_USER: 'u' } });
    expect(half).toThrow(expect.objectContaining({ path: ['options', 'smtp', 'credentials'] }));
    expect(half).toThrow(/Set both BILLFOLD_SMTP_USER and BILLFOLD_SMTP_PASSWORD/);
    const neither = () => createEmailNotifier({ ...base });
    expect(neither).toThrow(expect.objectContaining({ path: ['options', 'smtp'] }));
    const incomplete = () =>
      createEmailNotifier({
        ...base,
        transport: capture().transport,
        locales: { fr: { ...englishEmails, kinds: {} } as never },
      });
    expect(incomplete).toThrow(expect.objectContaining({ path: ['options', 'locales', 'fr'] }));
    const badSender = () =>
      createEmailNotifier({ ...base, transport: capture().transport, from: 'billing@acme.example\r\nBcc: x@y.z' });
    expect(badSender).toThrow(expect.objectContaining({ path: ['options', 'from'] }));
  });
});
