import type { CollectionsPolicyInput } from '@billfold/core';

/**
 * How the demo provider chases unpaid invoices (docs/collections.md): reminders 3 days before the due date, on it,
 * a week and three weeks after (the last two with a late fee of 5.00 + 1 % of what is owed), 3 days' grace, statutory
 * interest of 2.15 % + 9 points for businesses (+ 5 for consumers) with 40.00 EUR compensation, and the line
 * suspended two weeks after an invoice became overdue.
 */
export const DEMO_COLLECTIONS: CollectionsPolicyInput = {
  reminders: {
    steps: [
      { days: -3 },
      { days: 0 },
      { days: 7, fee: { fixed: { EUR: '5.00', USD: '5.00' }, percent: '1' } },
      { days: 21, fee: { fixed: { EUR: '5.00', USD: '5.00' }, percent: '1' } },
    ],
  },
  graceDays: 3,
  interest: { referenceRate: '2.15', margin: { business: '9', consumer: '5' }, compensation: { EUR: '40.00' } },
  dunning: { pastDueAfterDays: 0, suspendAfterDays: 14 },
};
