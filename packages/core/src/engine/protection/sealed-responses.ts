import type { FieldContext, FieldProtector } from '../../protection/field-protector';
import { ENVELOPE_VERSION } from '../../protection/envelope';
import type { IdempotencyRecord } from '../../storage/idempotency-repository';

/** How an idempotency record's response is stored when field protection is on. */
interface SealedResponse {
  /** The response as JSON, encrypted. */
  readonly sealed: string;
  /** The customers the response names, in clear, so erasure (`privacy.scrubCustomer`) still finds the record. */
  readonly customers: readonly string[];
}

/** Every customer id a response names: values of `customerId` fields, and the id of a customer record itself. */
function customersNamed(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) customersNamed(item, found);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.customerId === 'string') found.add(record.customerId);
    if (typeof record.id === 'string' && typeof record.email === 'string' && 'taxIds' in record) found.add(record.id);
    for (const inner of Object.values(record)) customersNamed(inner, found);
  }
  return found;
}

async function contextOf(key: string): Promise<FieldContext> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return { record: `idempotency:${hex}`, field: 'response' };
}

const isSealed = (response: unknown): response is SealedResponse =>
  typeof response === 'object' &&
  response !== null &&
  typeof (response as { sealed?: unknown }).sealed === 'string' &&
  (response as { sealed: string }).sealed.startsWith(`${ENVELOPE_VERSION}.`);

/** The record with its response encrypted (bound to its key). */
export async function sealResponse(protector: FieldProtector, record: IdempotencyRecord): Promise<IdempotencyRecord> {
  const sealed: SealedResponse = {
    sealed: await protector.encrypt(JSON.stringify(record.response ?? null), await contextOf(record.key)),
    customers: [...customersNamed(record.response)].sort(),
  };
  return { ...record, response: sealed };
}

/** The record with its response decrypted (records stored before protection was on pass through). */
export async function openResponse(protector: FieldProtector, record: IdempotencyRecord): Promise<IdempotencyRecord> {
  if (!isSealed(record.response)) return record;
  const json = await protector.decrypt(record.response.sealed, await contextOf(record.key));
  return { ...record, response: JSON.parse(json) as unknown };
}
