import { describe, expect, it } from 'vitest';
import { createEngineFixture } from '../engine/test-fixture';
import { BillingError } from '../errors/billing-error';
import { validate } from '../errors/validate';
import {
  type BillingNotification,
  BillingNotificationSchema,
  isRetryableDeliveryError,
  NOTIFICATION_TYPES,
  notificationDedupeKey,
} from './notifier';

const at = '2026-03-01T08:00:00.000Z';
const common = { customerId: 'cus_1', occurredAt: at };

/** One notification of every kind, with the key each must get. */
const examples: readonly [BillingNotification, string][] = [
  [{ ...common, type: 'invoice.finalized', invoiceId: 'inv_1' }, 'invoice.finalized/inv_1'],
  [{ ...common, type: 'invoice.paid', invoiceId: 'inv_1', paymentId: 'pay_1' }, `invoice.paid/inv_1/pay_1/${at}`],
  [{ ...common, type: 'invoice.reminder', invoiceId: 'inv_1', reminderStep: 2 }, 'invoice.reminder/inv_1/step-2'],
  [{ ...common, type: 'invoice.overdue', invoiceId: 'inv_1' }, `invoice.overdue/inv_1/${at}`],
  [
    {
      ...common,
      type: 'invoice.fee_charged',
      invoiceId: 'inv_1',
      feeInvoiceId: 'inv_2',
      amount: '25.00',
      currency: 'EUR',
    },
    `invoice.fee_charged/inv_1/inv_2/${at}`,
  ],
  [{ ...common, type: 'payment.received', paymentId: 'pay_1' }, 'payment.received/pay_1'],
  [
    {
      ...common,
      type: 'payment.failed',
      invoiceId: 'inv_1',
      decline: { code: 'insufficient_funds', message: 'Your card has insufficient funds.', kind: 'soft' },
    },
    `payment.failed/inv_1/${at}`,
  ],
  [{ ...common, type: 'payment.refunded', paymentId: 'pay_1', refundId: 're_1' }, 'payment.refunded/re_1'],
  [{ ...common, type: 'credit_note.issued', creditNoteId: 'cn_1', invoiceId: 'inv_1' }, 'credit_note.issued/cn_1'],
  [{ ...common, type: 'subscription.past_due', subscriptionId: 'sub_1' }, `subscription.past_due/sub_1/${at}`],
  [{ ...common, type: 'subscription.suspended', subscriptionId: 'sub_1' }, `subscription.suspended/sub_1/${at}`],
  [{ ...common, type: 'subscription.resumed', subscriptionId: 'sub_1' }, `subscription.resumed/sub_1/${at}`],
  [
    { ...common, type: 'statement.issued', periodStart: '2026-02-01', periodEnd: '2026-02-28' },
    'statement.issued/cus_1/2026-02-01/2026-02-28',
  ],
];

describe('BillingNotification', () => {
  it('has a schema and a dedupe key for every kind', () => {
    expect(examples.map(([n]) => n.type)).toEqual(NOTIFICATION_TYPES);
    for (const [notification, key] of examples) {
      expect(validate(BillingNotificationSchema, notification, 'notification')).toEqual(notification);
      expect(notificationDedupeKey(notification)).toBe(key);
    }
    expect(new Set(examples.map(([, key]) => key)).size).toBe(examples.length);
  });

  it('keeps a dedupe key the outbox set', () => {
    const stored = { ...common, type: 'invoice.paid', invoiceId: 'inv_1', dedupeKey: 'outbox/42' } as const;
    expect(notificationDedupeKey(stored)).toBe('outbox/42');
    expect(() => validate(BillingNotificationSchema, { ...stored, dedupeKey: 'has space' }, 'n')).toThrow(
      expect.objectContaining({ path: ['n', 'dedupeKey'] }),
    );
  });

  it('tells a repeat from a new event of the same kind', () => {
    const paid = { ...common, type: 'invoice.paid', invoiceId: 'inv_1' } as const;
    // Paid, reopened by a refund, paid again later: two notifications.
    const again = { ...paid, occurredAt: '2026-03-09T08:00:00.000Z' };
    expect(notificationDedupeKey(again)).not.toBe(notificationDedupeKey(paid));
    expect(notificationDedupeKey({ ...paid })).toBe(notificationDedupeKey(paid));
  });

  it('refuses a kind without the ids its template needs', () => {
    expect(() =>
      validate(BillingNotificationSchema, { ...common, type: 'invoice.reminder', invoiceId: 'inv_1' }, 'notification'),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['notification', 'reminderStep'] }));
    expect(() => validate(BillingNotificationSchema, { ...common, type: 'invoice.lost' }, 'notification')).toThrow(
      expect.objectContaining({ path: ['notification', 'type'] }),
    );
    expect(() =>
      validate(
        BillingNotificationSchema,
        { ...common, type: 'statement.issued', periodStart: '2026-02-01', periodEnd: '28.02.2026' },
        'notification',
      ),
    ).toThrow(expect.objectContaining({ path: ['notification', 'periodEnd'] }));
  });

  it('describes what the engine emits today', async () => {
    const { billing, customer, notifications } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Work', amount: '100.00' }],
      autoFinalize: true,
    });
    await billing.creditNotes.create({ invoiceId: invoice.id, amount: '19.00', reason: 'other' });
    await billing.payments.record({ customerId: customer.id, amount: '100.00', currency: 'EUR', method: 'cash' });
    expect(notifications.map((n) => n.type)).toEqual([
      'invoice.finalized',
      'credit_note.issued',
      'payment.received',
      'invoice.paid',
    ]);
    for (const notification of notifications) {
      expect(validate(BillingNotificationSchema, notification, 'notification')).toEqual(notification);
    }
  });

  it('says which delivery failures to retry', () => {
    const failure = (code: 'delivery_unavailable' | 'delivery_rejected' | 'not_found') =>
      new BillingError(code, 'x', {
        delivery: { channel: 'smtp', retryable: code === 'delivery_unavailable', outcomeUnknown: false },
      });
    expect(isRetryableDeliveryError(failure('delivery_unavailable'))).toBe(true);
    expect(isRetryableDeliveryError(failure('delivery_rejected'))).toBe(false);
    expect(isRetryableDeliveryError(failure('not_found'))).toBe(false);
    expect(isRetryableDeliveryError(new Error('connection terminated'))).toBe(true);
    expect(failure('delivery_unavailable').delivery).toEqual({
      channel: 'smtp',
      retryable: true,
      outcomeUnknown: false,
    });
  });
});
