import type { EmailMessages } from './email-messages';

/** The words of the built-in German emails (formal address, "Sie"). */
export const germanEmailMessages: EmailMessages = {
  greeting: (name) => `Guten Tag ${name},`,
  signOff: 'Mit freundlichen Grüßen',
  attached: (files) => `Anhang: ${files}`,
  automatic: (seller) => `Diese E-Mail wurde von ${seller} automatisch zu Ihrem Kundenkonto versandt.`,
  methods: { cash: 'bar', cheque: 'Scheck', bank_transfer: 'Überweisung', card_external: 'Karte', gateway: 'online' },
  labels: {
    invoice: 'Rechnung',
    amountDue: 'Offener Betrag',
    dueDate: 'Fällig am',
    total: 'Gesamtbetrag',
    paidOn: 'Bezahlt am',
    lateFee: 'Mahngebühr',
    amount: 'Betrag',
    receivedOn: 'Eingegangen am',
    method: 'Zahlungsart',
    reference: 'Referenz',
    paidInvoices: 'Bezahlte Rechnungen',
    refund: 'Erstattung',
    refundedOn: 'Erstattet am',
    reason: 'Grund',
    creditNote: 'Gutschrift',
    subscription: 'Abonnement',
    closingBalance: (currency) => `Schlusssaldo (${currency})`,
    openInvoices: (currency) => `Offene Rechnungen (${currency})`,
  },
  due: {
    later: (invoice, amount, date) => `Rechnung ${invoice} über ${amount} ist am ${date} fällig.`,
    today: (invoice, amount, date) => `Rechnung ${invoice} über ${amount} ist heute, am ${date}, fällig.`,
    past: (invoice, amount, date, days) =>
      `Rechnung ${invoice} über ${amount} war am ${date} fällig, vor ${days} ${days === 1 ? 'Tag' : 'Tagen'}.`,
    open: (invoice, amount) => `Von Rechnung ${invoice} sind ${amount} offen.`,
  },
  finalized: {
    subject: (invoice, seller) => `Rechnung ${invoice} von ${seller}`,
    heading: (invoice) => `Ihre Rechnung ${invoice}`,
    body: (invoice, amount, dueDate) =>
      `Ihre Rechnung ${invoice} über ${amount} liegt vor.${dueDate ? ` Bitte zahlen Sie bis zum ${dueDate}.` : ''}`,
  },
  paid: {
    subject: (invoice) => `Rechnung ${invoice} ist bezahlt`,
    body: (invoice) => `Rechnung ${invoice} ist vollständig beglichen. Vielen Dank.`,
  },
  reminder: {
    subject: (invoice, step) =>
      `${step > 1 ? `${step}. Zahlungserinnerung` : 'Zahlungserinnerung'}: Rechnung ${invoice}`,
    heading: 'Zahlungserinnerung',
    alreadyPaid: 'Falls Sie bereits gezahlt haben, danken wir Ihnen und bitten Sie, diese Erinnerung zu ignorieren.',
  },
  overdue: {
    subject: (invoice) => `Überfällig: Rechnung ${invoice}`,
    heading: (invoice) => `Rechnung ${invoice} ist überfällig`,
    payNow: 'Bitte zahlen Sie den offenen Betrag umgehend.',
  },
  fee: {
    subject: (invoice) => `Mahngebühr zu Rechnung ${invoice}`,
    heading: 'Mahngebühr berechnet',
    body: (invoice, fee, feeInvoice) =>
      `Da Rechnung ${invoice} überfällig ist, wurde eine Mahngebühr von ${fee} berechnet. ${feeInvoice ? `Sie steht auf Rechnung ${feeInvoice}.` : 'Sie erscheint auf Ihrer nächsten Rechnung.'}`,
  },
  received: {
    subject: (amount) => `Zahlung erhalten: ${amount}`,
    heading: 'Vielen Dank für Ihre Zahlung',
    body: (amount) => `Wir haben Ihre Zahlung über ${amount} erhalten.`,
    credit: (amount) => `${amount} wurden Ihrem Kundenkonto gutgeschrieben.`,
  },
  failed: {
    subject: (invoice) => `Zahlung fehlgeschlagen: Rechnung ${invoice}`,
    heading: 'Ihre Zahlung ist fehlgeschlagen',
    body: (invoice, reason) =>
      `Ihre Zahlung für Rechnung ${invoice} konnte nicht ausgeführt werden${reason ? `: ${reason}` : '.'}`,
    retry: (date) => `Wir versuchen es am ${date} erneut. Sie können vorher auch auf anderem Weg zahlen.`,
    payOtherWay: 'Bitte zahlen Sie den offenen Betrag auf anderem Weg oder aktualisieren Sie Ihre Zahlungsart.',
  },
  refunded: {
    subject: (amount) => `Erstattung über ${amount}`,
    heading: 'Wir haben Ihre Zahlung erstattet',
    body: (amount, payment, receivedOn) =>
      `Wir haben ${amount} Ihrer Zahlung über ${payment} vom ${receivedOn} erstattet.`,
  },
  creditNote: {
    subject: (creditNote, invoice) => `Gutschrift ${creditNote} zu Rechnung ${invoice}`,
    heading: (creditNote) => `Gutschrift ${creditNote}`,
    body: (creditNote, amount, invoice) =>
      `Wir haben Ihnen die Gutschrift ${creditNote} über ${amount} zu Rechnung ${invoice} ausgestellt.`,
    credit: (amount) => `${amount} wurden Ihrem Kundenkonto gutgeschrieben.`,
  },
  pastDue: {
    subject: (plan) => `Zahlung überfällig: ${plan}`,
    heading: 'Ihr Abonnement ist im Zahlungsverzug',
    body: (plan) =>
      `Ihr Abonnement ${plan} ist im Zahlungsverzug. Der Dienst läuft vorerst weiter; bitte zahlen Sie, damit das so bleibt.`,
  },
  suspended: {
    subject: (plan) => `Gesperrt: ${plan}`,
    heading: 'Ihr Abonnement ist gesperrt',
    body: (plan) =>
      `Wir haben Ihr Abonnement ${plan} wegen einer unbezahlten Rechnung gesperrt. Nach Zahlung des offenen Betrags wird es wieder freigeschaltet.`,
  },
  resumed: {
    subject: (plan) => `Wieder aktiv: ${plan}`,
    heading: 'Ihr Abonnement ist wieder aktiv',
    body: (plan) => `Vielen Dank für Ihre Zahlung: Ihr Abonnement ${plan} ist wieder aktiv.`,
  },
  statement: {
    period: (start, end) => `${start} – ${end}`,
    subject: (period) => `Kontoauszug ${period}`,
    heading: 'Ihr Kontoauszug',
    body: (period) => `Anbei erhalten Sie Ihren Kontoauszug für den Zeitraum ${period}.`,
    sign: 'Ein positiver Saldo ist von Ihnen zu zahlen; ein negativer Saldo ist ein Guthaben zu Ihren Gunsten.',
  },
};
