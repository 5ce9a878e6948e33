import type { Billing, Customer } from '@billfold/core';
import type { SandboxGateway, SandboxTestCard } from './sandbox-gateway';

/**
 * Makes a customer pay by card automatically: saves a SANDBOX test card the way a real one is saved — the engine
 * starts a setup at the gateway, the customer enters the card in the provider's fields (here
 * {@link SandboxGateway.enterTestCard}), the engine saves the resulting token as the default method — and sets the
 * customer to `charge_automatically`, so every invoice finalized from now on is charged to it.
 * @returns the customer as updated.
 */
export async function payByTestCard(
  billing: Billing,
  sandbox: SandboxGateway,
  customerId: string,
  card: SandboxTestCard,
): Promise<Customer> {
  const setup = await billing.paymentMethods.setup({ customerId, idempotencyKey: `demo-card-${customerId}` });
  sandbox.enterTestCard(setup.id, card);
  await billing.paymentMethods.save({ customerId, setupId: setup.id, makeDefault: true });
  return billing.customers.update(customerId, { collectionMethod: 'charge_automatically' });
}
