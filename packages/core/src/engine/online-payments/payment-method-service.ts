import { z } from 'zod';
import { IdSchema } from '../../domain/common';
import type { CustomerPaymentMethod } from '../../domain/customer-payment-method';
import { listAll } from '../../domain/list-all';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { GatewaySetup, SavedPaymentMethod } from '../../payments/gateway-results';
import { GatewayIdempotencyKeySchema, ProviderIdSchema, ReturnUrlSchema } from '../../payments/payment-requests';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { lockCustomerLedgers } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';
import { gatewayNamed } from './gateway-registry';

/** What `paymentMethods.setup` takes: start saving a method in the provider's own fields. */
export const SetupPaymentMethodInputSchema = z.strictObject({
  customerId: IdSchema,
  /** Default: the engine's first gateway. */
  gateway: z.string().min(1).max(40).optional(),
  returnUrl: ReturnUrlSchema.optional(),
  cancelUrl: ReturnUrlSchema.optional(),
  idempotencyKey: GatewayIdempotencyKeySchema,
});

/** What `paymentMethods.save` takes: a setup the customer finished, or a provider token the host already holds. */
export const SavePaymentMethodInputSchema = z
  .strictObject({
    customerId: IdSchema,
    gateway: z.string().min(1).max(40).optional(),
    /** A setup the customer finished in the browser (`setup`'s id). */
    setupId: ProviderIdSchema.optional(),
    /** A method already saved at the provider for this customer (Stripe `pm_…`, PayPal vault id). */
    providerMethodId: ProviderIdSchema.optional(),
    /** Make it the default (automatic charges use it); default: only when the customer has no default yet. */
    makeDefault: z.boolean().optional(),
  })
  .refine((input) => (input.setupId === undefined) !== (input.providerMethodId === undefined), {
    message: 'give either setupId or providerMethodId',
    path: ['setupId'],
  });

/** Input of `paymentMethods.setup`. */
export type SetupPaymentMethodInput = z.input<typeof SetupPaymentMethodInputSchema>;
/** Input of `paymentMethods.save`. */
export type SavePaymentMethodInput = z.input<typeof SavePaymentMethodInputSchema>;

/** A customer's payment methods saved at gateways: provider tokens only, never card data. */
export interface PaymentMethodService {
  /** The provider's customer for a Billfold customer at a gateway, made on first use and kept on the customer. */
  gatewayCustomer(customerId: string, gateway?: string): Promise<string>;
  /** Starts saving a method: hand `nextAction` to the provider's browser library. */
  setup(input: SetupPaymentMethodInput): Promise<GatewaySetup>;
  /** Saves a method (idempotent per provider token); the first one a customer saves becomes the default. */
  save(input: SavePaymentMethodInput): Promise<CustomerPaymentMethod>;
  /** The customer's active methods, in id order. */
  list(customerId: string): Promise<CustomerPaymentMethod[]>;
  /**
   * Saves the methods the customer's provider customers hold that the ledger does not know yet (a setup the customer
   * finished in the browser), then lists the active ones. Methods the ledger holds are left as they are.
   */
  sync(customerId: string): Promise<CustomerPaymentMethod[]>;
  /** Makes a method the default. @throws BillingError `not_found` for another customer's method. */
  setDefault(input: { customerId: string; paymentMethodId: string }): Promise<CustomerPaymentMethod>;
  /** Detaches a method at its provider and marks it `detached`. @throws BillingError `not_found`. */
  remove(input: { customerId: string; paymentMethodId: string }): Promise<CustomerPaymentMethod>;
}

/** The customer's active method `paymentMethodId`, or `not_found` (another customer's method is not found either). */
async function ownMethod(
  ctx: EngineContext,
  customerId: string,
  paymentMethodId: string,
): Promise<CustomerPaymentMethod> {
  const method = await ctx.storage.paymentMethods.get(paymentMethodId);
  if (method === undefined || method.customerId !== customerId || method.status !== 'active') {
    throw new BillingError(
      BillingErrorCode.notFound,
      `Customer ${customerId} has no payment method "${paymentMethodId}"`,
      {
        path: ['input', 'paymentMethodId'],
      },
    );
  }
  return method;
}

/** Creates the payment-method service over an engine context. */
export function createPaymentMethodService(ctx: EngineContext): PaymentMethodService {
  const gatewayCustomer = async (customerId: string, name?: string) => {
    validate(IdSchema, customerId, 'customerId');
    const gateway = gatewayNamed(ctx, name);
    const customer = await requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
    const known = customer.gatewayCustomers?.[gateway.name];
    if (known !== undefined) return known;
    const { reference } = await gateway.ensureCustomer({
      customerId,
      email: customer.email,
      name: customer.name.slice(0, 200),
      idempotencyKey: `${customerId}:customer`,
    });
    return runIdempotent(ctx, undefined, undefined, async (session) => {
      await lockCustomerLedgers(session, [customerId]);
      const fresh = await requireRecord(session.customers, customerId, 'customer', ['customerId']);
      const kept = fresh.gatewayCustomers?.[gateway.name];
      if (kept !== undefined) return kept;
      await session.customers.update({
        ...fresh,
        gatewayCustomers: { ...fresh.gatewayCustomers, [gateway.name]: reference },
        updatedAt: ctx.clock.now().toISOString(),
        version: fresh.version + 1,
      });
      return reference;
    });
  };

  /** Stores a method the provider saved, once per token; the default moves to it when asked (or when none). */
  const store = (customerId: string, saved: SavedPaymentMethod, makeDefault: boolean | undefined) =>
    runIdempotent(ctx, undefined, undefined, async (session) => {
      await lockCustomerLedgers(session, [customerId]);
      const known = await session.paymentMethods.getByProviderMethod(saved.gateway, saved.id);
      if (known !== undefined && known.customerId !== customerId) {
        throw new BillingError(BillingErrorCode.conflict, 'This payment method belongs to another customer', {
          path: ['input', 'providerMethodId'],
        });
      }
      if (known?.status === 'active' && makeDefault !== true) return known;
      const active = await listAll((page) => session.paymentMethods.list({ customerId, status: 'active', ...page }));
      const isDefault = makeDefault ?? !active.some((method) => method.isDefault);
      const now = ctx.clock.now().toISOString();
      if (isDefault) {
        for (const other of active.filter((method) => method.isDefault && method.id !== known?.id)) {
          await session.paymentMethods.update({
            ...other,
            isDefault: false,
            updatedAt: now,
            version: other.version + 1,
          });
        }
      }
      if (known !== undefined) {
        const revived = { ...known, status: 'active' as const, isDefault, updatedAt: now, version: known.version + 1 };
        await session.paymentMethods.update(revived);
        return revived;
      }
      const method: CustomerPaymentMethod = {
        id: ctx.ids('pmt'),
        customerId,
        gateway: saved.gateway,
        providerMethodId: saved.id,
        customerReference: saved.customerReference,
        type: saved.type,
        ...(saved.card !== undefined ? { card: { ...saved.card } } : {}),
        ...(saved.email !== undefined ? { email: saved.email } : {}),
        isDefault,
        status: 'active',
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await session.paymentMethods.insert(method);
      return method;
    });

  return {
    gatewayCustomer,
    async setup(input) {
      const request = validate(SetupPaymentMethodInputSchema, input, 'input');
      const gateway = gatewayNamed(ctx, request.gateway, ['input', 'gateway']);
      const customerReference = await gatewayCustomer(request.customerId, gateway.name);
      return gateway.setupPaymentMethod({
        customerId: request.customerId,
        customerReference,
        ...(request.returnUrl !== undefined ? { returnUrl: request.returnUrl } : {}),
        ...(request.cancelUrl !== undefined ? { cancelUrl: request.cancelUrl } : {}),
        idempotencyKey: request.idempotencyKey,
      });
    },
    async save(input) {
      const request = validate(SavePaymentMethodInputSchema, input, 'input');
      const gateway = gatewayNamed(ctx, request.gateway, ['input', 'gateway']);
      const customerReference = await gatewayCustomer(request.customerId, gateway.name);
      let saved: SavedPaymentMethod | undefined;
      if (request.setupId !== undefined) {
        saved = await gateway.completeSetup({
          setupId: request.setupId,
          customerReference,
          idempotencyKey: `${request.customerId}:setup:${request.setupId}`.slice(0, 100),
        });
      } else {
        const methods = await gateway.listPaymentMethods(customerReference);
        saved = methods.find((method) => method.id === request.providerMethodId);
      }
      if (saved === undefined) {
        throw new BillingError(
          BillingErrorCode.notFound,
          `${gateway.name} holds no payment method "${request.providerMethodId}" for customer ${request.customerId}`,
          { path: ['input', 'providerMethodId'] },
        );
      }
      return store(request.customerId, saved, request.makeDefault);
    },
    async list(customerId) {
      validate(IdSchema, customerId, 'customerId');
      return listAll((page) => ctx.storage.paymentMethods.list({ customerId, status: 'active', ...page }));
    },
    async sync(customerId) {
      validate(IdSchema, customerId, 'customerId');
      const customer = await requireRecord(ctx.storage.customers, customerId, 'customer', ['customerId']);
      for (const [name, reference] of Object.entries(customer.gatewayCustomers ?? {})) {
        const gateway = ctx.gateways?.get(name);
        if (gateway === undefined) continue;
        for (const saved of await gateway.listPaymentMethods(reference)) {
          if ((await ctx.storage.paymentMethods.getByProviderMethod(name, saved.id)) === undefined) {
            await store(customerId, saved, undefined);
          }
        }
      }
      return listAll((page) => ctx.storage.paymentMethods.list({ customerId, status: 'active', ...page }));
    },
    async setDefault(input) {
      const method = await ownMethod(ctx, input.customerId, input.paymentMethodId);
      return store(input.customerId, { ...savedOf(method) }, true);
    },
    async remove(input) {
      const method = await ownMethod(ctx, input.customerId, input.paymentMethodId);
      await gatewayNamed(ctx, method.gateway).detachPaymentMethod(method.providerMethodId);
      return runIdempotent(ctx, undefined, undefined, async (session) => {
        await lockCustomerLedgers(session, [method.customerId]);
        const fresh = await requireRecord(session.paymentMethods, method.id, 'payment method', [
          'input',
          'paymentMethodId',
        ]);
        if (fresh.status === 'detached') return fresh;
        const detached: CustomerPaymentMethod = {
          ...fresh,
          status: 'detached',
          isDefault: false,
          updatedAt: ctx.clock.now().toISOString(),
          version: fresh.version + 1,
        };
        await session.paymentMethods.update(detached);
        return detached;
      });
    },
  };
}

/** A stored method as the gateway described it. */
function savedOf(method: CustomerPaymentMethod): SavedPaymentMethod {
  return {
    gateway: method.gateway,
    id: method.providerMethodId,
    customerReference: method.customerReference,
    type: method.type,
    ...(method.card !== undefined ? { card: method.card } : {}),
    ...(method.email !== undefined ? { email: method.email } : {}),
  };
}
