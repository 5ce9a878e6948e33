import { money } from '@billfold/core';
import type { DocumentModel } from './document-model';
import type { Localizer } from './localizer';

/** Where an invoice stands with its payment when it is rendered. @internal */
export type PaymentStanding = 'void' | 'credit' | 'paid' | 'owed';

/**
 * Whether the invoice is void, has a negative total that went to the customer's balance (`credit`), is paid
 * (nothing remains: paid, credited or covered by balance credit), or still owes something.
 * @internal
 */
export function paymentStanding(model: DocumentModel): PaymentStanding {
  if (model.status === 'void') return 'void';
  if (money(model.totals.total, model.currency).isNegative()) return 'credit';
  return money(model.totals.amountRemaining, model.currency).isZero() ? 'paid' : 'owed';
}

/**
 * The sentence that tells the reader what to do about payment, and whether the seller's bank details belong
 * beside it: "Please pay … by …" (the rest, once part is paid), "Paid in full on …", the credit a negative total
 * put on the balance, or that a void invoice asks for nothing.
 * @internal
 */
export function paymentSentence(model: DocumentModel, l10n: Localizer): { text: string; askForPayment: boolean } {
  const m = l10n.messages;
  const t = model.totals;
  const standing = paymentStanding(model);
  switch (standing) {
    case 'void':
      return { text: m.voidNote, askForPayment: false };
    case 'credit':
      return {
        text: m.creditedToBalanceNote(l10n.money(money(t.total, model.currency).negate().toString())),
        askForPayment: false,
      };
    case 'paid':
      return { text: model.paidAt ? m.paidInFullOn(l10n.date(model.paidAt)) : m.paidInFull, askForPayment: false };
    case 'owed': {
      const amount = l10n.money(t.amountRemaining);
      return { text: model.dueAt ? m.payBy(amount, l10n.date(model.dueAt)) : m.pay(amount), askForPayment: true };
    }
    default: {
      const never: never = standing;
      throw new Error(`unknown payment standing ${String(never)}`);
    }
  }
}
