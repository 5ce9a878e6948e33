import type { EmailMessages } from './email-messages';

/** The words of the built-in English emails. */
export const englishEmailMessages: EmailMessages = {
  greeting: (name) => `Hello ${name},`,
  signOff: 'Kind regards',
  attached: (files) => `Attached: ${files}`,
  automatic: (seller) => `This email was sent automatically by ${seller} about your account.`,
  methods: {
    cash: 'cash',
    cheque: 'cheque',
    bank_transfer: 'bank transfer',
    card_external: 'card',
    gateway: 'online payment',
  },
  labels: {
    invoice: 'Invoice',
    amountDue: 'Amount due',
    dueDate: 'Due date',
    total: 'Total',
    paidOn: 'Paid on',
    lateFee: 'Late fee',
    amount: 'Amount',
    receivedOn: 'Received on',
    method: 'Method',
    reference: 'Reference',
    paidInvoices: 'Paid invoices',
    refund: 'Refund',
    refundedOn: 'Refunded on',
    reason: 'Reason',
    creditNote: 'Credit note',
    subscription: 'Subscription',
    closingBalance: (currency) => `Closing balance (${currency})`,
    openInvoices: (currency) => `Open invoices (${currency})`,
  },
  due: {
    later: (invoice, amount, date) => `Invoice ${invoice} for ${amount} is due on ${date}.`,
    today: (invoice, amount, date) => `Invoice ${invoice} for ${amount} is due today, ${date}.`,
    past: (invoice, amount, date, days) =>
      `Invoice ${invoice} for ${amount} was due on ${date}, ${days} ${days === 1 ? 'day' : 'days'} ago.`,
    open: (invoice, amount) => `Invoice ${invoice} has ${amount} open.`,
  },
  finalized: {
    subject: (invoice, seller) => `Invoice ${invoice} from ${seller}`,
    heading: (invoice) => `Your invoice ${invoice}`,
    body: (invoice, amount, dueDate) =>
      `Your invoice ${invoice} for ${amount} is ready.${dueDate ? ` Please pay it by ${dueDate}.` : ''}`,
  },
  paid: {
    subject: (invoice) => `Invoice ${invoice} is paid`,
    body: (invoice) => `Invoice ${invoice} is settled in full. Thank you.`,
  },
  reminder: {
    subject: (invoice, step) => `${step > 1 ? `Reminder ${step}` : 'Reminder'}: invoice ${invoice}`,
    heading: 'Payment reminder',
    alreadyPaid: 'If you have already paid, thank you, and please disregard this reminder.',
  },
  overdue: {
    subject: (invoice) => `Overdue: invoice ${invoice}`,
    heading: (invoice) => `Invoice ${invoice} is overdue`,
    payNow: 'Please pay the open amount now.',
  },
  fee: {
    subject: (invoice) => `Late fee for invoice ${invoice}`,
    heading: 'A late fee was charged',
    body: (invoice, fee, feeInvoice) =>
      `Because invoice ${invoice} is overdue, a late fee of ${fee} was charged. ${feeInvoice ? `It is billed on invoice ${feeInvoice}.` : 'It will appear on your next invoice.'}`,
  },
  received: {
    subject: (amount) => `Payment received: ${amount}`,
    heading: 'Thank you for your payment',
    body: (amount) => `We received your payment of ${amount}.`,
    credit: (amount) => `${amount} was added to your account as credit.`,
  },
  failed: {
    subject: (invoice) => `Payment failed: invoice ${invoice}`,
    heading: 'Your payment failed',
    body: (invoice, reason) => `Your payment for invoice ${invoice} did not go through${reason ? `: ${reason}` : '.'}`,
    retry: (date) => `We will try again on ${date}. You can also pay another way before then.`,
    payOtherWay: 'Please pay the open amount another way or update your payment method.',
  },
  refunded: {
    subject: (amount) => `Refund of ${amount}`,
    heading: 'We refunded your payment',
    body: (amount, payment, receivedOn) =>
      `We refunded ${amount} of your payment of ${payment} received on ${receivedOn}.`,
  },
  creditNote: {
    subject: (creditNote, invoice) => `Credit note ${creditNote} for invoice ${invoice}`,
    heading: (creditNote) => `Credit note ${creditNote}`,
    body: (creditNote, amount, invoice) => `We issued credit note ${creditNote} for ${amount} on invoice ${invoice}.`,
    credit: (amount) => `${amount} was added to your account as credit.`,
  },
  pastDue: {
    subject: (plan) => `Payment overdue: ${plan}`,
    heading: 'Your subscription is past due',
    body: (plan) =>
      `Your subscription ${plan} is past due. Your service continues for now; please pay to keep it running.`,
  },
  suspended: {
    subject: (plan) => `Suspended: ${plan}`,
    heading: 'Your subscription is suspended',
    body: (plan) =>
      `We suspended your subscription ${plan} because of an unpaid invoice. It resumes once the open amount is paid.`,
  },
  resumed: {
    subject: (plan) => `Active again: ${plan}`,
    heading: 'Your subscription is active again',
    body: (plan) => `Thank you for your payment: your subscription ${plan} is active again.`,
  },
  statement: {
    period: (start, end) => `${start} – ${end}`,
    subject: (period) => `Account statement ${period}`,
    heading: 'Your account statement',
    body: (period) => `Your account statement for ${period} is attached.`,
    sign: 'A positive balance is owed by you; a negative balance is credit in your favour.',
  },
};
