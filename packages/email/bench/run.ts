/**
 * Emails per second through the notifier (records read, templates written, the invoice PDF rendered, sent over SMTP
 * to a loopback smtp-server), next to a raw nodemailer send of the very same message over the same kind of pooled
 * connection, measured in the same run. The ratio is the cost of composing an email over the cost of sending it.
 */
import { compare } from '@billfold/bench-kit';
import nodemailer from 'nodemailer';
import { createEmailNotifier } from '../src/index';
import { billingStory, seller } from '../test/email-fixture';
import { startSmtpServer } from '../test/smtp-harness';

const story = await billingStory();
const smtp = await startSmtpServer(undefined, { record: false });
const settings = { host: '127.0.0.1', port: smtp.port, requireTLS: false, pool: true, maxConnections: 1 } as const;
const notifier = createEmailNotifier({
  smtp: settings,
  env: {},
  from: { name: 'Acme Billing', address: 'billing@acme.example' },
  billing: story.billing,
  documents: { seller },
});
const raw = nodemailer.createTransport({ ...settings, logger: false });

const finalized = story.zoe.notifications.find((n) => n.type === 'invoice.finalized');
const failed = story.zoe.notifications.find((n) => n.type === 'payment.failed');
if (finalized === undefined || failed === undefined) throw new Error('the story lacks a notification');
const [withPdf, plain] = await Promise.all([notifier.compose(finalized), notifier.compose(failed)]);
if (withPdf.attachments.length !== 1) throw new Error('the invoice email should carry its PDF');

const before = smtp.accepted();
const results = await compare(
  '@billfold/email: notification → email over loopback SMTP (pooled connection)',
  [
    {
      subject: { name: 'notify invoice.finalized (reads, template, PDF, send)', run: () => notifier.notify(finalized) },
      baseline: { name: 'nodemailer sendMail of the same message (with PDF)', run: () => raw.sendMail(withPdf.mail) },
    },
    {
      subject: {
        name: 'notify payment.failed (reads, template, send; no attachment)',
        run: () => notifier.notify(failed),
      },
      baseline: {
        name: 'nodemailer sendMail of the same message (no attachment)',
        run: () => raw.sendMail(plain.mail),
      },
    },
  ],
  1500,
);
for (const result of results) {
  console.log(`  ${result.subject}: ${Math.round(1e9 / result.subjectNsPerOp)} emails/s`);
}
console.log(`  (the server accepted ${smtp.accepted() - before} messages; the machine is shared: read the ratios)`);
await notifier.close();
raw.close();
await smtp.close();
