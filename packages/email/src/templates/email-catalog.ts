import { type Invoice, money } from '@billfold/core';
import type { EmailFormatting, EmailView } from '../email-view';
import type { EmailMessages } from './email-messages';
import type { EmailCatalog, EmailParts } from './email-template';
import { englishEmailMessages } from './english';
import { germanEmailMessages } from './german';

type Fact = [string, string];
type SubscriptionView =
  | EmailView<'subscription.past_due'>
  | EmailView<'subscription.suspended'>
  | EmailView<'subscription.resumed'>;

const isZero = (amount: string, currency: string) => money(amount, currency).isZero();

/**
 * Makes a language's catalog from its words: which facts and sentences each kind of email has is the same in
 * every language, only the words differ.
 * @example
 * ```ts
 * const french = emailCatalog({ ...englishEmailMessages, greeting: (name) => `Bonjour ${name},`, … });
 * createEmailNotifier({ …, locales: { fr: french } });
 * ```
 */
export function emailCatalog(m: EmailMessages): EmailCatalog {
  const number = (view: EmailFormatting, invoice: Invoice) => view.text(invoice.number ?? invoice.id);
  const invoiceFacts = (view: EmailFormatting, invoice: Invoice, amount = invoice.amountRemaining): Fact[] => [
    [m.labels.invoice, number(view, invoice)],
    [m.labels.amountDue, view.money(amount, invoice.currency)],
    ...(invoice.dueAt === undefined ? [] : [[m.labels.dueDate, view.date(invoice.dueAt)] as Fact]),
  ];
  const dueSentence = (view: EmailFormatting, invoice: Invoice) => {
    const amount = view.money(invoice.amountRemaining, invoice.currency);
    if (invoice.dueAt === undefined) return m.due.open(number(view, invoice), amount);
    const days = view.daysPastDue(invoice.dueAt);
    const date = view.date(invoice.dueAt);
    if (days < 0) return m.due.later(number(view, invoice), amount, date);
    if (days === 0) return m.due.today(number(view, invoice), amount, date);
    return m.due.past(number(view, invoice), amount, date, days);
  };
  const subscription =
    (words: EmailMessages['pastDue']) =>
    (view: SubscriptionView): EmailParts => {
      const { planName, invoice } = view.records;
      const plan = view.text(planName);
      const unpaid = invoice !== undefined && view.notification.type !== 'subscription.resumed';
      return {
        subject: words.subject(plan),
        heading: words.heading,
        paragraphs: [words.body(plan), ...(unpaid ? [dueSentence(view, invoice)] : [])],
        facts: [[m.labels.subscription, plan], ...(unpaid ? invoiceFacts(view, invoice) : [])],
      };
    };
  return {
    greeting: m.greeting,
    signOff: m.signOff,
    attached: m.attached,
    automatic: m.automatic,
    kinds: {
      'invoice.finalized': (view) => {
        const { invoice } = view.records;
        const due = invoice.dueAt === undefined ? undefined : view.date(invoice.dueAt);
        const amount = view.money(invoice.amountDue, invoice.currency);
        return {
          subject: m.finalized.subject(number(view, invoice), view.sellerName),
          heading: m.finalized.heading(number(view, invoice)),
          paragraphs: [m.finalized.body(number(view, invoice), amount, due)],
          facts: invoiceFacts(view, invoice, invoice.amountDue),
        };
      },
      'invoice.paid': (view) => {
        const { invoice } = view.records;
        return {
          subject: m.paid.subject(number(view, invoice)),
          heading: m.paid.subject(number(view, invoice)),
          paragraphs: [m.paid.body(number(view, invoice))],
          facts: [
            [m.labels.invoice, number(view, invoice)],
            [m.labels.total, view.money(invoice.total, invoice.currency)],
            ...(invoice.paidAt === undefined ? [] : [[m.labels.paidOn, view.date(invoice.paidAt)] as Fact]),
          ],
        };
      },
      'invoice.reminder': (view) => {
        const { invoice } = view.records;
        return {
          subject: m.reminder.subject(number(view, invoice), view.notification.reminderStep),
          heading: m.reminder.heading,
          paragraphs: [dueSentence(view, invoice), m.reminder.alreadyPaid],
          facts: invoiceFacts(view, invoice),
        };
      },
      'invoice.overdue': (view) => {
        const { invoice } = view.records;
        return {
          subject: m.overdue.subject(number(view, invoice)),
          heading: m.overdue.heading(number(view, invoice)),
          paragraphs: [dueSentence(view, invoice), m.overdue.payNow],
          facts: invoiceFacts(view, invoice),
        };
      },
      'invoice.fee_charged': (view) => {
        const { invoice, feeInvoice } = view.records;
        const fee = view.money(view.notification.amount, view.notification.currency);
        const feeNumber = feeInvoice === undefined ? undefined : number(view, feeInvoice);
        return {
          subject: m.fee.subject(number(view, invoice)),
          heading: m.fee.heading,
          paragraphs: [m.fee.body(number(view, invoice), fee, feeNumber)],
          facts: [[m.labels.lateFee, fee], ...invoiceFacts(view, invoice)],
        };
      },
      'payment.received': (view) => {
        const { payment, invoices } = view.records;
        const amount = view.money(payment.amount, payment.currency);
        const facts: Fact[] = [
          [m.labels.amount, amount],
          [m.labels.receivedOn, view.date(payment.receivedAt)],
          [m.labels.method, m.methods[payment.method]],
        ];
        if (payment.reference !== undefined) facts.push([m.labels.reference, view.text(payment.reference)]);
        if (invoices.length > 0) {
          facts.push([m.labels.paidInvoices, invoices.map((invoice) => number(view, invoice)).join(', ')]);
        }
        const credit = isZero(payment.unapplied, payment.currency)
          ? []
          : [m.received.credit(view.money(payment.unapplied, payment.currency))];
        return {
          subject: m.received.subject(amount),
          heading: m.received.heading,
          paragraphs: [m.received.body(amount), ...credit],
          facts,
        };
      },
      'payment.failed': (view) => {
        const { invoice } = view.records;
        const { decline, nextAttemptAt } = view.notification;
        return {
          subject: m.failed.subject(number(view, invoice)),
          heading: m.failed.heading,
          paragraphs: [
            m.failed.body(number(view, invoice), decline === undefined ? undefined : view.text(decline.message)),
            nextAttemptAt === undefined ? m.failed.payOtherWay : m.failed.retry(view.date(nextAttemptAt)),
          ],
          facts: invoiceFacts(view, invoice),
        };
      },
      'payment.refunded': (view) => {
        const { payment, refund } = view.records;
        const amount = view.money(refund.amount, refund.currency);
        const paid = view.money(payment.amount, payment.currency);
        return {
          subject: m.refunded.subject(amount),
          heading: m.refunded.heading,
          paragraphs: [m.refunded.body(amount, paid, view.date(payment.receivedAt))],
          facts: [
            [m.labels.refund, amount],
            [m.labels.refundedOn, view.date(refund.createdAt)],
            ...(refund.reason === undefined ? [] : [[m.labels.reason, view.text(refund.reason)] as Fact]),
          ],
        };
      },
      'credit_note.issued': (view) => {
        const { creditNote, invoice } = view.records;
        const note = view.text(creditNote.number);
        const total = view.money(creditNote.total, creditNote.currency);
        const credit = isZero(creditNote.creditedToBalance, creditNote.currency)
          ? []
          : [m.creditNote.credit(view.money(creditNote.creditedToBalance, creditNote.currency))];
        return {
          subject: m.creditNote.subject(note, number(view, invoice)),
          heading: m.creditNote.heading(note),
          paragraphs: [m.creditNote.body(note, total, number(view, invoice)), ...credit],
          facts: [
            [m.labels.creditNote, note],
            [m.labels.invoice, number(view, invoice)],
            [m.labels.amount, total],
          ],
        };
      },
      'subscription.past_due': subscription(m.pastDue),
      'subscription.suspended': subscription(m.suspended),
      'subscription.resumed': subscription(m.resumed),
      'statement.issued': (view) => {
        const { statement } = view.records;
        const period = m.statement.period(view.day(statement.period.start), view.day(statement.period.end));
        return {
          subject: m.statement.subject(period),
          heading: m.statement.heading,
          paragraphs: [m.statement.body(period), m.statement.sign],
          facts: statement.currencies.flatMap((part): Fact[] => [
            [m.labels.closingBalance(part.currency), view.money(part.closingBalance, part.currency)],
            [m.labels.openInvoices(part.currency), view.money(part.openTotal, part.currency)],
          ]),
        };
      },
    },
  };
}

/** The built-in English emails. */
export const englishEmails: EmailCatalog = emailCatalog(englishEmailMessages);

/** The built-in German emails. */
export const germanEmails: EmailCatalog = emailCatalog(germanEmailMessages);

/** The built-in catalogs by language subtag. */
export const builtInEmailCatalogs: Readonly<Record<string, EmailCatalog>> = { en: englishEmails, de: germanEmails };
