import { BillingErrorCode, type CreatePaymentRequest } from '@billfold/core';
import { describe, expect, it } from 'vitest';
import { SANDBOX_TEST_CARDS, SandboxGateway, type SandboxTestCard } from './sandbox-gateway';

/** A sandbox with one provider customer who saved `card`, as the engine does it (setup, browser, complete). */
async function withCard(card: SandboxTestCard) {
  const sandbox = new SandboxGateway();
  const { reference } = await sandbox.ensureCustomer({ customerId: 'cus_1', idempotencyKey: 'cus_1:customer' });
  const setup = await sandbox.setupPaymentMethod({
    customerId: 'cus_1',
    customerReference: reference,
    idempotencyKey: 'cus_1:setup',
  });
  sandbox.enterTestCard(setup.id, card);
  const method = await sandbox.completeSetup({ setupId: setup.id, customerReference: reference, idempotencyKey: 's1' });
  const charge = (key: string, amount = '19.99', invoiceIds = ['inv_1']): CreatePaymentRequest => ({
    amount,
    currency: 'EUR',
    customerId: 'cus_1',
    customerReference: reference,
    paymentMethodId: method.id,
    session: 'off_session',
    invoiceIds,
    idempotencyKey: key,
  });
  return { sandbox, reference, method, charge };
}

describe('SandboxGateway', () => {
  it('answers a create request sent again with the same key with the same payment, charging once', async () => {
    const { sandbox, charge } = await withCard(SANDBOX_TEST_CARDS.visa);
    const first = await sandbox.createPayment(charge('inv_1:attempt:1'));
    const again = await sandbox.createPayment(charge('inv_1:attempt:1'));
    expect(first).toMatchObject({ status: 'succeeded', amount: '19.99', amountCaptured: '19.99', currency: 'EUR' });
    expect(again).toEqual(first);
    expect(sandbox.chargesMade).toBe(1);
    // The lost-answer lookup finds that payment by its key, and nothing under a key never sent.
    expect(await sandbox.findPayment({ idempotencyKey: 'inv_1:attempt:1' })).toEqual(first);
    expect(await sandbox.findPayment({ idempotencyKey: 'inv_1:attempt:2' })).toBeNull();
    // A new key is a new charge.
    const second = await sandbox.createPayment(charge('inv_1:attempt:2'));
    expect(second.id).not.toBe(first.id);
    expect(sandbox.chargesMade).toBe(2);
  });

  it('refuses a used key sent with other parameters, and moves no money for it', async () => {
    const { sandbox, charge } = await withCard(SANDBOX_TEST_CARDS.visa);
    await sandbox.createPayment(charge('inv_1:attempt:1'));
    await expect(sandbox.createPayment(charge('inv_1:attempt:1', '20.00'))).rejects.toMatchObject({
      code: BillingErrorCode.gatewayRejected,
      gateway: { gateway: 'sandbox', retryable: false, outcomeUnknown: false, providerCode: 'idempotency_error' },
    });
    expect(sandbox.chargesMade).toBe(1);
  });

  it('declines the short-of-funds card once per invoice (soft), then charges it', async () => {
    const { sandbox, charge } = await withCard(SANDBOX_TEST_CARDS.insufficientFundsOnce);
    const declined = await sandbox.createPayment(charge('inv_1:attempt:1'));
    expect(declined).toMatchObject({
      status: 'failed',
      amountCaptured: '0',
      decline: { code: 'insufficient_funds', kind: 'soft' },
    });
    expect(await sandbox.createPayment(charge('inv_1:attempt:1'))).toEqual(declined);
    expect((await sandbox.createPayment(charge('inv_1:attempt:2'))).status).toBe('succeeded');
    // Another invoice is declined once in its turn.
    expect((await sandbox.createPayment(charge('inv_2:attempt:1', '5.00', ['inv_2']))).status).toBe('failed');
    expect(sandbox.chargesMade).toBe(1);
  });

  it('declines the stolen card every time (hard)', async () => {
    const { sandbox, charge } = await withCard(SANDBOX_TEST_CARDS.stolenCard);
    for (const key of ['inv_1:attempt:1', 'inv_1:attempt:2']) {
      expect(await sandbox.createPayment(charge(key))).toMatchObject({
        status: 'failed',
        decline: { code: 'stolen_card', kind: 'hard' },
      });
    }
    expect(sandbox.chargesMade).toBe(0);
  });

  it('refunds once per key and never more than was captured', async () => {
    const { sandbox, charge } = await withCard(SANDBOX_TEST_CARDS.visa);
    const payment = await sandbox.createPayment(charge('inv_1:attempt:1'));
    const refund = { paymentId: payment.id, amount: '10.00', currency: 'EUR', idempotencyKey: 'r1' };
    const first = await sandbox.refundPayment(refund);
    expect(await sandbox.refundPayment(refund)).toEqual(first);
    expect((await sandbox.getPayment(payment.id)).amountRefunded).toBe('10.00');
    await expect(sandbox.refundPayment({ ...refund, idempotencyKey: 'r2' })).rejects.toMatchObject({
      code: BillingErrorCode.gatewayRejected,
    });
    expect((await sandbox.refundPayment({ ...refund, amount: '9.99', idempotencyKey: 'r3' })).amount).toBe('9.99');
  });

  it('keeps the contract: card data refused, unknown ids not found, unfinished setups not saved, no webhooks', async () => {
    const { sandbox, reference, method, charge } = await withCard(SANDBOX_TEST_CARDS.visa);
    await expect(
      sandbox.createPayment({ ...charge('k1'), number: '4242424242424242' } as CreatePaymentRequest),
    ).rejects.toMatchObject({ code: BillingErrorCode.invalidInput });
    await expect(sandbox.getPayment('sbx_pay_999999')).rejects.toMatchObject({ code: BillingErrorCode.notFound });
    const setup = await sandbox.setupPaymentMethod({
      customerId: 'cus_1',
      customerReference: reference,
      idempotencyKey: 'cus_1:setup:2',
    });
    await expect(
      sandbox.completeSetup({ setupId: setup.id, customerReference: reference, idempotencyKey: 's2' }),
    ).rejects.toMatchObject({ code: BillingErrorCode.gatewayRejected });
    expect(await sandbox.listPaymentMethods(reference)).toEqual([method]);
    await sandbox.detachPaymentMethod(method.id);
    expect(await sandbox.listPaymentMethods(reference)).toEqual([]);
    await expect(sandbox.createPayment(charge('k2'))).rejects.toMatchObject({ code: BillingErrorCode.notFound });
    await expect(sandbox.parseWebhook({ headers: {}, rawBody: '{}' })).rejects.toMatchObject({
      code: BillingErrorCode.webhookInvalid,
    });
  });
});
