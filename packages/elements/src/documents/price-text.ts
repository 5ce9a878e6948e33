import type { PriceView } from '../api/portal-views';
import type { BillingFormat } from '../format/billing-format';
import type { BillingMessages } from '../i18n/messages-en';

/** The billing interval in words (`month`, `3 months` reads as "3 month" → the host may override the texts). */
function intervalText(t: BillingMessages, price: PriceView): string {
  const unit =
    { day: t.intervalDay, week: t.intervalWeek, month: t.intervalMonth, year: t.intervalYear }[price.interval] ??
    price.interval;
  return price.intervalCount === 1 ? unit : `${price.intervalCount} ${unit}`;
}

/** What a price costs, in words: `20,00 € / Monat`, `0,50 € pro Einheit / Monat`, `Staffelpreis / Monat`. */
export function priceText(t: BillingMessages, format: BillingFormat, price: PriceView): string {
  const spec = price.spec;
  const money = (amount: string | undefined) => format.money(amount ?? '0', spec.currency);
  let amount: string;
  switch (spec.model) {
    case 'flat':
      amount = money(spec.amount);
      break;
    case 'per_unit':
      amount = t.perUnit(money(spec.unitAmount));
      break;
    case 'package':
      amount = t.perPackage(money(spec.packageAmount), format.number(spec.packageSize ?? '1'));
      break;
    case 'percentage':
      amount = t.percentagePrice(format.number(spec.rate ?? '0'));
      break;
    default:
      amount = t.tieredPrice;
  }
  return t.perInterval(amount, intervalText(t, price));
}
