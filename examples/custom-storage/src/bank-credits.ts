import type { BankCredit, BankCreditRepository } from '@billfold/core';
import type { FileData } from './file-data';
import {
  assertUnique,
  type DataAccess,
  getRecord,
  insertRecord,
  listRecords,
  matchesFilter,
  table,
  updateRecord,
} from './records';

const uniqueKey = (data: FileData, credit: BankCredit) => assertUnique(data, 'bankCredits', credit, (c) => c.key);

/** Imported bank credits in the file, unique by statement line key. */
export function bankCreditRepository(access: DataAccess): BankCreditRepository {
  return {
    insert: (credit) =>
      access.write((data) => {
        uniqueKey(data, credit);
        insertRecord(data, 'bankCredits', credit);
      }),
    get: async (id) => getRecord<BankCredit>(access.read(), 'bankCredits', id),
    update: (credit) => access.write((data) => updateRecord(data, 'bankCredits', credit)),
    getByKey: async (key) => {
      const found = Object.values(table<BankCredit>(access.read(), 'bankCredits')).find((c) => c.key === key);
      return found === undefined ? undefined : getRecord<BankCredit>(access.read(), 'bankCredits', found.id);
    },
    list: async (filter) => listRecords<BankCredit>(access.read(), 'bankCredits', filter, matchesFilter(filter)),
  };
}
