import { createTestClock, MemoryStorage } from '@billfold/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory, STORY_DAYS, STORY_PAYMENT, STORY_SUBJECTS, storyEngine, storyNotifier } from './collections-story';
import { type SmtpHarness, startSmtpServer } from './smtp-harness';
import { flat, htmlText, pdfText, pdftotext } from './tools';

/*
 * The Done-when story of issue 10 on MemoryStorage: a month of collections on the test clock, every notification
 * written to the outbox with its change and delivered by the dispatcher through @billfold/email to a real SMTP server
 * on loopback, read back with mailparser. Figures: see collections-story.ts.
 */

let smtp: SmtpHarness;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

describe.skipIf(!pdftotext.available)('collections, told by email (MemoryStorage)', () => {
  it('invoice, reminders before and on the due date, overdue, fees, suspension, payment and resume', async () => {
    const clock = createTestClock('2026-03-01T08:00:00Z');
    const billing = storyEngine(new MemoryStorage(), clock);
    const email = storyNotifier(billing, smtp.port, clock);
    const [customer] = await seedStory(billing, 1);
    const day = async (at: string) => {
      clock.set(at);
      const summary = await billing.collections.run();
      expect(summary.errors).toEqual([]);
      await billing.notifications.dispatch({ notifier: email });
    };
    for (const at of STORY_DAYS.filter((d) => d < STORY_PAYMENT.at)) await day(at);
    const access = await billing.collections.access(customer?.id as string);
    expect(access).toMatchObject({ state: 'suspended', reason: 'non_payment', since: '2026-03-29T07:00:00.000Z' });

    clock.set(STORY_PAYMENT.at);
    await billing.payments.record({
      customerId: customer?.id as string,
      amount: STORY_PAYMENT.amount,
      currency: 'EUR',
      method: 'bank_transfer',
    });
    for (const at of STORY_DAYS.filter((d) => d > STORY_PAYMENT.at)) await day(at);
    expect((await billing.collections.access(customer?.id as string)).state).toBe('active');

    const mails = smtp.received;
    expect(mails.map((mail) => flat(mail.parsed.subject ?? ''))).toEqual(STORY_SUBJECTS);
    // One message per notification: every Message-ID once, every mail to the customer alone.
    expect(smtp.deduplicated()).toHaveLength(mails.length);
    for (const mail of mails) expect(mail.envelope.to).toEqual(['accounts1@kunde1.example']);
    const text = (index: number) => flat(mails[index]?.parsed.text ?? '');
    const html = (index: number) =>
      htmlText(typeof mails[index]?.parsed.html === 'string' ? mails[index].parsed.html : '');
    const attachments = (index: number) => mails[index]?.parsed.attachments.map((a) => a.filename) ?? [];

    expect(text(1)).toContain('Invoice INV-2026-000001 for €1,000.00 is due on 15 March 2026.');
    expect(text(2)).toContain('Invoice INV-2026-000001 for €1,000.00 is due today, 15 March 2026.');
    expect(text(5)).toContain('Invoice INV-2026-000001 for €1,000.00 was due on 15 March 2026, 7 days ago.');
    expect(attachments(5)).toEqual(['INV-2026-000001.pdf']);
    // The first fee: 25.00 + 1.83 + 40.00 = 66.83 on its own invoice, attached.
    for (const body of [text(6), html(6)]) {
      expect(body).toContain(
        'Because invoice INV-2026-000001 is overdue, a late fee of €66.83 was charged. It is billed on invoice INV-2026-000002.',
      );
    }
    expect(attachments(6)).toEqual(['INV-2026-000002.pdf']);
    const feePdf = flat(pdfText(mails[6]?.parsed.attachments[0]?.content as Buffer));
    for (const line of [
      'Reminder fee (reminder 3) for invoice INV-2026-000001',
      'Interest at 11.15 % a year on 1000.00 EUR for 6 days late (2026-03-16 to 2026-03-21), invoice INV-2026-000001',
      'Compensation for recovery costs, invoice INV-2026-000001',
      '25.00',
      '1.83',
      '40.00',
      '66.83',
    ]) {
      expect(feePdf).toContain(line);
    }
    // The second: 25.00 + 2.14 = 27.14.
    expect(text(9)).toContain('a late fee of €27.14 was charged. It is billed on invoice INV-2026-000003.');
    expect(flat(pdfText(mails[9]?.parsed.attachments[0]?.content as Buffer))).toContain('27.14');
    expect(text(8)).toContain('We suspended your subscription Fibre 1000 because of an unpaid invoice.');
    expect(text(10)).toContain('We received your payment of €1,093.97.');
    expect(attachments(10)).toHaveLength(1);
    expect(text(14)).toContain('your subscription Fibre 1000 is active again');
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
