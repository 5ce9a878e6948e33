import { type EmailTemplate, createEmailNotifier } from '../src/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingStory, seller } from './email-fixture';
import { type SmtpHarness, startSmtpServer } from './smtp-harness';
import { flat, htmlText } from './tools';

// A name that tries every way into the headers: CR/LF with a new header, an encoded word that would decode to
// something else, an address list, markup, and a bidi override.
const HOSTILE_NAME =
  'Ada\r\nBcc: evil@example.com =?utf-8?B?RXZpbA==?= "Q" <mallory@evil.example>, <img src=x onerror=alert(1)>\u202Egnp.exe';
// What survives: one line, the same characters otherwise.
const SHOWN_NAME =
  'Ada Bcc: evil@example.com =?utf-8?B?RXZpbA==?= "Q" <mallory@evil.example>, <img src=x onerror=alert(1)> gnp.exe';
const HOSTILE_REFERENCE = 'SEPA-1\r\nX-Injected: yes <script>alert(1)</script>';

let smtp: SmtpHarness;
let story: Awaited<ReturnType<typeof billingStory>>;

beforeAll(async () => {
  story = await billingStory();
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp.close();
});

describe('hostile customer data in headers and bodies', () => {
  it('keeps names and references inert: parsed headers are exactly what was set, no header or recipient added', async () => {
    const { billing } = story;
    const customer = await billing.customers.create({
      name: HOSTILE_NAME,
      email: 'ada@example.com',
      locale: 'en-GB',
      currency: 'EUR',
    });
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work <b>bold</b>', amount: '10.00' }],
      autoFinalize: true,
    });
    const payment = await billing.payments.record({
      customerId: customer.id,
      amount: '10.00',
      currency: 'EUR',
      method: 'bank_transfer',
      reference: HOSTILE_REFERENCE,
    });
    // A host template that puts the name in the subject, the worst place for it.
    const named: EmailTemplate<'invoice.finalized'> = (view, parts, layout) =>
      layout({ ...parts, subject: `Invoice for ${view.customerName}` });
    const notifier = createEmailNotifier({
      smtp: { host: '127.0.0.1', port: smtp.port, requireTLS: false },
      env: {},
      from: { name: 'Acme =?utf-8?Q?Billing?=', address: 'billing@acme.example' },
      billing,
      documents: { seller },
      templates: { 'invoice.finalized': named },
    });
    const before = smtp.received.length;
    await notifier.notify({
      type: 'invoice.finalized',
      customerId: customer.id,
      invoiceId: invoice.id,
      occurredAt: invoice.issuedAt as string,
    });
    await notifier.notify({
      type: 'payment.received',
      customerId: customer.id,
      paymentId: payment.id,
      occurredAt: payment.receivedAt,
    });
    const [invoiceMail, paymentMail] = smtp.received.slice(before);
    if (!invoiceMail || !paymentMail) throw new Error('not received');
    for (const mail of [invoiceMail, paymentMail]) {
      const { parsed } = mail;
      expect(mail.envelope.to).toEqual(['ada@example.com']);
      expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([
        { address: 'ada@example.com', name: SHOWN_NAME },
      ]);
      expect(parsed.from?.value).toEqual([{ address: 'billing@acme.example', name: 'Acme =?utf-8?Q?Billing?=' }]);
      expect([...parsed.headers.keys()].sort()).toEqual(
        [
          'auto-submitted',
          'content-type',
          'date',
          'from',
          'message-id',
          'mime-version',
          'subject',
          'to',
          'x-auto-response-suppress',
          'x-billfold-notification',
        ].sort(),
      );
      const head = mail.raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
      expect(head).not.toMatch(/^(bcc|x-injected):/im);
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      expect(html).not.toMatch(/<img|<script|<b>/);
      expect(htmlText(html)).toContain(`Hello ${SHOWN_NAME},`);
      expect((parsed.text ?? '').split('\n')[0]).toBe(`Hello ${SHOWN_NAME},`);
    }
    expect(invoiceMail.parsed.subject).toBe(`Invoice for ${SHOWN_NAME}`);
    const referenceLine = (paymentMail.parsed.text ?? '').split('\n').find((line) => line.startsWith('Reference:'));
    expect(referenceLine).toBe('Reference: SEPA-1 X-Injected: yes <script>alert(1)</script>');
    expect(flat(htmlText(typeof paymentMail.parsed.html === 'string' ? paymentMail.parsed.html : ''))).toContain(
      'Reference SEPA-1 X-Injected: yes <script>alert(1)</script>',
    );
    await notifier.close();
  });
});
