import type { PortalPaymentFlows } from '../../src/index';

/**
 * Payment flows that know one payment and one payment method per customer (`pay_<customerId>`,
 * `pm_<customerId>`) and answer only their owner, as a real implementation must: for the security tests of
 * the planned payment routes.
 */
export function createFakePaymentFlows(): PortalPaymentFlows & { readonly calls: string[] } {
  const calls: string[] = [];
  const method = (customerId: string) => ({
    id: `pm_${customerId}`,
    gateway: 'fake',
    type: 'card' as const,
    last4: '4242',
    isDefault: true,
  });
  const intent = (customerId: string) => ({
    paymentId: `pay_${customerId}`,
    gateway: 'fake',
    status: 'requires_action' as const,
    amount: '1.00',
    currency: 'EUR',
    clientSecret: 'secret',
  });
  return {
    calls,
    async payInvoices({ customerId }) {
      calls.push(`payInvoices:${customerId}`);
      return intent(customerId);
    },
    async confirmPayment({ customerId, paymentId }) {
      calls.push(`confirmPayment:${customerId}`);
      return paymentId === `pay_${customerId}` ? { ...intent(customerId), status: 'succeeded' } : undefined;
    },
    async listPaymentMethods(customerId) {
      return [method(customerId)];
    },
    async setupPaymentMethod({ customerId }) {
      calls.push(`setupPaymentMethod:${customerId}`);
      return { setupId: `seti_${customerId}`, gateway: 'fake', clientSecret: 'secret' };
    },
    async setDefaultPaymentMethod({ customerId, paymentMethodId }) {
      calls.push(`setDefaultPaymentMethod:${customerId}`);
      return paymentMethodId === `pm_${customerId}` ? method(customerId) : undefined;
    },
    async removePaymentMethod({ customerId, paymentMethodId }) {
      calls.push(`removePaymentMethod:${customerId}`);
      return paymentMethodId === `pm_${customerId}`;
    },
  };
}
