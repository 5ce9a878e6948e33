import type { Customer } from '../../domain/customer';
import type { FieldContext, FieldProtector } from '../../protection/field-protector';
import { ENVELOPE_VERSION } from '../../protection/envelope';

/** Which customer fields are encrypted at rest: the bank account's IBAN always, tax ids when the host chooses. */
export interface ProtectedFields {
  readonly taxIds: boolean;
}

const isEnvelope = (value: string) => value.startsWith(`${ENVELOPE_VERSION}.`);

const ibanContext = (id: string): FieldContext => ({ record: `customer:${id}`, field: 'bankAccount.iban' });
const taxIdContext = (id: string): FieldContext => ({ record: `customer:${id}`, field: 'taxIds.value' });

/** Applies `change` to every protected value of a customer (a plain value or an envelope), leaving the rest. */
async function mapProtected(
  customer: Customer,
  fields: ProtectedFields,
  change: (value: string, context: FieldContext) => Promise<string>,
): Promise<Customer> {
  const next: Customer = { ...customer };
  if (customer.bankAccount !== undefined) {
    next.bankAccount = {
      ...customer.bankAccount,
      iban: await change(customer.bankAccount.iban, ibanContext(customer.id)),
    };
  }
  if (fields.taxIds && customer.taxIds.length > 0) {
    next.taxIds = [];
    for (const taxId of customer.taxIds) {
      next.taxIds.push({ ...taxId, value: await change(taxId.value, taxIdContext(customer.id)) });
    }
  }
  return next;
}

/**
 * The customer as storage keeps it: protected values encrypted (`bfe1.…`), and `searchTokens` holding the keyed
 * hash of each, so `customers.findByIban` and `findByTaxId` can look it up.
 */
export async function sealCustomer(
  protector: FieldProtector,
  fields: ProtectedFields,
  customer: Customer,
): Promise<Customer> {
  const tokens = new Set<string>();
  const sealed = await mapProtected(customer, fields, async (value, context) => {
    if (isEnvelope(value)) return value;
    tokens.add(await protector.searchToken(value, context.field === 'bankAccount.iban' ? 'iban' : 'tax_id'));
    return protector.encrypt(value, context);
  });
  const { searchTokens: _previous, ...rest } = sealed;
  return tokens.size === 0 ? rest : { ...rest, searchTokens: [...tokens].sort() };
}

/**
 * The customer as the engine and hosts see it: every envelope decrypted (tax ids too, should the host have turned
 * their encryption off since), no search tokens.
 */
export async function openCustomer(protector: FieldProtector, customer: Customer): Promise<Customer> {
  const { searchTokens: _tokens, ...rest } = await mapProtected(customer, { taxIds: true }, (value, context) =>
    isEnvelope(value) ? protector.decrypt(value, context) : Promise.resolve(value),
  );
  return rest;
}

/** The customer with every envelope made under an old key encrypted again under the current one, or `undefined`. */
export async function rotateCustomer(protector: FieldProtector, customer: Customer): Promise<Customer | undefined> {
  let rotated = false;
  const next = await mapProtected(customer, { taxIds: true }, async (value, context) => {
    if (!isEnvelope(value) || !protector.needsRotation(value)) return value;
    rotated = true;
    return protector.rotate(value, context);
  });
  return rotated ? next : undefined;
}
