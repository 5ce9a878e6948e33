import { z } from 'zod';
import type { Customer } from '../../domain/customer';
import { listAll } from '../../domain/list-all';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { FieldProtector } from '../../protection/field-protector';
import type { BillingStorageAdapter } from '../../storage/storage-adapter';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { rotateCustomer } from './customer-fields';

/** What `protection.rotateKeys` did. */
export interface KeyRotationSummary {
  /** Customers read. */
  readonly customersChecked: number;
  /** Customers whose envelopes were encrypted again under the current key. */
  readonly customersRotated: number;
}

/** Field protection for hosts: lookups by keyed hash, and the key-rotation job. */
export interface ProtectionService {
  /** Customers whose bank account has this IBAN (spaces and case ignored), found by its search token. */
  findCustomersByIban(iban: string): Promise<Customer[]>;
  /** Customers with this tax id value (spaces, dots, dashes and slashes ignored), found by its search token. */
  findCustomersByTaxId(value: string): Promise<Customer[]>;
  /**
   * Re-encrypts, under `currentKeyId`, every customer envelope made with an older key (a new data key each), one
   * customer per transaction under its ledger lock, so billing goes on meanwhile. Run it after adding a new key and
   * before retiring the old one; running it again rotates nothing more.
   */
  rotateKeys(options?: { readonly batchSize?: number }): Promise<KeyRotationSummary>;
}

const SearchValueSchema = z.string().min(1).max(100);
const RotateOptionsSchema = z.strictObject({ batchSize: z.number().int().min(1).max(10_000).default(100) });

/**
 * Creates the protection service. `storage` is the engine's (protected) storage, `raw` the adapter itself (which
 * holds the envelopes).
 */
export function createProtectionService(
  storage: BillingStorageAdapter,
  raw: BillingStorageAdapter,
  protector: FieldProtector | undefined,
): ProtectionService {
  const need = (): FieldProtector => {
    if (protector !== undefined) return protector;
    throw new BillingError(
      BillingErrorCode.invalidState,
      'Field protection is not configured: pass createBilling({ protection: { keys } })',
      { path: ['options', 'protection'] },
    );
  };
  const findBy = async (value: string, kind: 'iban' | 'tax_id', path: string) => {
    validate(SearchValueSchema, value, path);
    const searchToken = await need().searchToken(value, kind);
    return listAll((page) => storage.customers.list({ ...page, searchToken }));
  };
  return {
    findCustomersByIban: (iban) => findBy(iban, 'iban', 'iban'),
    findCustomersByTaxId: (value) => findBy(value, 'tax_id', 'value'),
    async rotateKeys(options) {
      const { batchSize } = validate(RotateOptionsSchema, options ?? {}, 'options');
      const keys = need();
      let customersChecked = 0;
      let customersRotated = 0;
      let cursor: string | undefined;
      do {
        const page = await raw.customers.list({ limit: batchSize, ...(cursor === undefined ? {} : { cursor }) });
        for (const listed of page.items) {
          customersChecked += 1;
          if ((await rotateCustomer(keys, listed)) === undefined) continue;
          const rotated = await ledgerTransaction(raw, async (session) => {
            await session.locks.customers([listed.id]);
            const current = await session.customers.get(listed.id);
            const next = current === undefined ? undefined : await rotateCustomer(keys, current);
            if (next === undefined) return false;
            await session.customers.update({ ...next, version: next.version + 1 });
            return true;
          });
          if (rotated) customersRotated += 1;
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return { customersChecked, customersRotated };
    },
  };
}
