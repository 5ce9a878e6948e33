import type { NotificationType } from '@billfold/core';
import type { CustomerStory } from './email-fixture';

/** What one email must say: its subject, sentences of both bodies, and the attachments with text in their PDFs. */
export interface ExpectedEmail {
  readonly subject: string;
  readonly says: readonly string[];
  /** Label and value: `Label: value` in the text, a table row in the HTML. */
  readonly facts: readonly (readonly [string, string])[];
  readonly attachments: readonly { readonly fileName: string; readonly pdfSays: readonly string[] }[];
}

/**
 * Every email of a customer's story, written out by hand: Ada (English, London) and Zoë (German, Berlin) have the
 * same records. The installation (100.00, due 16 March) was paid 60.00, credited 10.00 and refunded 5.00: 35.00
 * open. The subscription invoice (39.00) is due 16 March too; March closes at 39.00 + 35.00 + 25.00 = 99.00.
 */
export function expectedEmails(story: CustomerStory, language: 'en' | 'de'): Record<NotificationType, ExpectedEmail> {
  const n = story.installation.number as string;
  const router = story.router.number as string;
  const fee = story.fee.number as string;
  const subscription = story.subscriptionInvoice.number as string;
  const pay = story.payment.id;
  const cn = story.creditNoteNumber;
  const pdf = (number: string, ...pdfSays: string[]) => ({ fileName: `${number}.pdf`, pdfSays: [number, ...pdfSays] });
  // The real receipt (renderReceipt of @billfold/documents): 60.00 by bank transfer on 5 March, 5.00 of it refunded
  // on 7 March, so 55.00 stays on the installation invoice.
  const receipt = {
    fileName: `receipt-${pay}.pdf`,
    pdfSays:
      language === 'en'
        ? [
            'Receipt',
            'We received €60.00 on 5 March 2026. Thank you.',
            'Paid by Bank transfer',
            'SEPA-4711',
            `${n} · 2 March 2026 · Invoice total €100.00 · Paid €55.00`,
            'Amount received €60.00 Applied to invoices €55.00 Refunded €5.00',
          ]
        : [
            'Zahlungsbestätigung',
            'Wir haben 60,00 € am 5. März 2026 erhalten. Vielen Dank.',
            'Bezahlt per Überweisung',
            'SEPA-4711',
            `${n} · 2. März 2026 · Rechnungsbetrag 100,00 € · Bezahlt 55,00 €`,
            'Erhaltener Betrag 60,00 € Auf Rechnungen verrechnet 55,00 € Erstattet 5,00 €',
          ],
  };
  const statement = {
    fileName: `statement-${story.customer.id}-2026-03-01-2026-03-31.pdf`,
    pdfSays: language === 'en' ? ['Account statement', '€99.00', n, fee] : ['Kontoauszug', '99,00 €', n, fee],
  };
  if (language === 'en') {
    return {
      'invoice.finalized': {
        subject: `Invoice ${n} from Acme GmbH`,
        says: [`Hello Ada Lovelace,`, `Your invoice ${n} for €100.00 is ready. Please pay it by 16 March 2026.`],
        facts: [],
        attachments: [pdf(n, 'Installation')],
      },
      'invoice.paid': {
        subject: `Invoice ${router} is paid`,
        says: [`Invoice ${router} is settled in full. Thank you.`],
        facts: [[`Paid on`, `5 March 2026`]],
        attachments: [pdf(router, 'Router')],
      },
      'invoice.reminder': {
        subject: `Reminder 2: invoice ${n}`,
        says: [`Invoice ${n} for €35.00 was due on 16 March 2026, 3 days ago.`, 'If you have already paid'],
        facts: [],
        attachments: [pdf(n)],
      },
      'invoice.overdue': {
        subject: `Overdue: invoice ${n}`,
        says: [`Invoice ${n} for €35.00 was due on 16 March 2026, 1 day ago.`, 'Please pay the open amount now.'],
        facts: [],
        attachments: [pdf(n)],
      },
      'invoice.fee_charged': {
        subject: `Late fee for invoice ${n}`,
        says: [`Because invoice ${n} is overdue, a late fee of €25.00 was charged. It is billed on invoice ${fee}.`],
        facts: [],
        attachments: [pdf(fee, 'Late fee')],
      },
      'payment.received': {
        subject: 'Payment received: €60.00',
        says: ['We received your payment of €60.00.'],
        facts: [
          [`Method`, `bank transfer`],
          [`Reference`, `SEPA-4711`],
          [`Paid invoices`, `${n}`],
        ],
        attachments: [receipt],
      },
      'payment.failed': {
        subject: `Payment failed: invoice ${n}`,
        says: [
          `Your payment for invoice ${n} did not go through: Insufficient funds`,
          'We will try again on 23 March 2026.',
        ],
        facts: [],
        attachments: [],
      },
      'payment.refunded': {
        subject: 'Refund of €5.00',
        says: ['We refunded €5.00 of your payment of €60.00 received on 5 March 2026.'],
        facts: [[`Reason`, `Goodwill`]],
        attachments: [receipt],
      },
      'credit_note.issued': {
        subject: `Credit note ${cn} for invoice ${n}`,
        says: [`We issued credit note ${cn} for €10.00 on invoice ${n}.`],
        facts: [],
        attachments: [pdf(cn, n, 'Credit note')],
      },
      'subscription.past_due': {
        subject: 'Payment overdue: Fibre 100',
        says: [
          'Your subscription Fibre 100 is past due.',
          `Invoice ${subscription} for €39.00 was due on 16 March 2026, 4 days ago.`,
        ],
        facts: [],
        attachments: [],
      },
      'subscription.suspended': {
        subject: 'Suspended: Fibre 100',
        says: [
          'We suspended your subscription Fibre 100 because of an unpaid invoice.',
          `Invoice ${subscription} for €39.00 was due on 16 March 2026, 9 days ago.`,
        ],
        facts: [],
        attachments: [],
      },
      'subscription.resumed': {
        subject: 'Active again: Fibre 100',
        says: ['Thank you for your payment: your subscription Fibre 100 is active again.'],
        facts: [],
        attachments: [],
      },
      'statement.issued': {
        subject: 'Account statement 1 March 2026 – 31 March 2026',
        says: [
          'Your account statement for 1 March 2026 – 31 March 2026 is attached.',
          'A positive balance is owed by you; a negative balance is credit in your favour.',
        ],
        facts: [
          [`Closing balance (EUR)`, `€99.00`],
          [`Open invoices (EUR)`, `€99.00`],
        ],
        attachments: [statement],
      },
    };
  }
  return {
    'invoice.finalized': {
      subject: `Rechnung ${n} von Acme GmbH`,
      says: [
        'Guten Tag Zoë Müller,',
        `Ihre Rechnung ${n} über 100,00 € liegt vor. Bitte zahlen Sie bis zum 16. März 2026.`,
      ],
      facts: [],
      attachments: [pdf(n, 'Installation', 'Rechnung')],
    },
    'invoice.paid': {
      subject: `Rechnung ${router} ist bezahlt`,
      says: [`Rechnung ${router} ist vollständig beglichen. Vielen Dank.`],
      facts: [[`Bezahlt am`, `5. März 2026`]],
      attachments: [pdf(router, 'Router')],
    },
    'invoice.reminder': {
      subject: `2. Zahlungserinnerung: Rechnung ${n}`,
      says: [`Rechnung ${n} über 35,00 € war am 16. März 2026 fällig, vor 3 Tagen.`],
      facts: [],
      attachments: [pdf(n)],
    },
    'invoice.overdue': {
      subject: `Überfällig: Rechnung ${n}`,
      says: [`Rechnung ${n} über 35,00 € war am 16. März 2026 fällig, vor 1 Tag.`],
      facts: [],
      attachments: [pdf(n)],
    },
    'invoice.fee_charged': {
      subject: `Mahngebühr zu Rechnung ${n}`,
      says: [
        `Da Rechnung ${n} überfällig ist, wurde eine Mahngebühr von 25,00 € berechnet. Sie steht auf Rechnung ${fee}.`,
      ],
      facts: [],
      attachments: [pdf(fee)],
    },
    'payment.received': {
      subject: 'Zahlung erhalten: 60,00 €',
      says: ['Wir haben Ihre Zahlung über 60,00 € erhalten.'],
      facts: [
        [`Zahlungsart`, `Überweisung`],
        [`Referenz`, `SEPA-4711`],
      ],
      attachments: [receipt],
    },
    'payment.failed': {
      subject: `Zahlung fehlgeschlagen: Rechnung ${n}`,
      says: [
        `Ihre Zahlung für Rechnung ${n} konnte nicht ausgeführt werden: Insufficient funds`,
        'Wir versuchen es am 23. März 2026 erneut.',
      ],
      facts: [],
      attachments: [],
    },
    'payment.refunded': {
      subject: 'Erstattung über 5,00 €',
      says: ['Wir haben 5,00 € Ihrer Zahlung über 60,00 € vom 5. März 2026 erstattet.'],
      facts: [[`Grund`, `Goodwill`]],
      attachments: [receipt],
    },
    'credit_note.issued': {
      subject: `Gutschrift ${cn} zu Rechnung ${n}`,
      says: [`Wir haben Ihnen die Gutschrift ${cn} über 10,00 € zu Rechnung ${n} ausgestellt.`],
      facts: [],
      attachments: [pdf(cn, n, 'Gutschrift')],
    },
    'subscription.past_due': {
      subject: 'Zahlung überfällig: Fibre 100',
      says: [
        'Ihr Abonnement Fibre 100 ist im Zahlungsverzug.',
        `Rechnung ${subscription} über 39,00 € war am 16. März 2026 fällig, vor 4 Tagen.`,
      ],
      facts: [],
      attachments: [],
    },
    'subscription.suspended': {
      subject: 'Gesperrt: Fibre 100',
      says: ['Wir haben Ihr Abonnement Fibre 100 wegen einer unbezahlten Rechnung gesperrt.'],
      facts: [],
      attachments: [],
    },
    'subscription.resumed': {
      subject: 'Wieder aktiv: Fibre 100',
      says: ['Vielen Dank für Ihre Zahlung: Ihr Abonnement Fibre 100 ist wieder aktiv.'],
      facts: [],
      attachments: [],
    },
    'statement.issued': {
      subject: 'Kontoauszug 1. März 2026 – 31. März 2026',
      says: ['Anbei erhalten Sie Ihren Kontoauszug für den Zeitraum 1. März 2026 – 31. März 2026.'],
      facts: [[`Schlusssaldo (EUR)`, `99,00 €`]],
      attachments: [statement],
    },
  };
}
