import { readFile, rename, writeFile } from 'node:fs/promises';
import type { IdempotencyRecord } from '@billfold/core';

/** The repositories kept as tables of records by id. */
export const TABLES = [
  'customers',
  'products',
  'prices',
  'meters',
  'coupons',
  'taxRates',
  'subscriptions',
  'usage',
  'invoices',
  'creditNotes',
  'payments',
  'refunds',
  'balance',
  'audit',
  'outbox',
  'collectionFees',
  'bankCredits',
  'paymentAttempts',
  'paymentMethods',
] as const;

/** One table of the file. */
export type TableName = (typeof TABLES)[number];

/** Everything the file holds: plain JSON. */
export interface FileData {
  tables: Record<TableName, Record<string, unknown>>;
  /** The last invoice number reserved, per sequence. */
  sequences: Record<string, number>;
  idempotency: Record<string, IdempotencyRecord>;
}

/** A file with nothing in it yet. */
export function emptyData(): FileData {
  return {
    tables: Object.fromEntries(TABLES.map((table) => [table, {}])) as FileData['tables'],
    sequences: {},
    idempotency: {},
  };
}

/** A deep copy through JSON: what a caller gets can never change what is stored, and `undefined` fields vanish. */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The data in `path`, or empty data when the file does not exist yet; tables added since are added empty. */
export async function loadData(path: string): Promise<FileData> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as FileData;
    for (const name of TABLES) data.tables[name] ??= {};
    return data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyData();
    throw error;
  }
}

/**
 * Writes all of `data` to `path` atomically: to a temporary file first, then renamed over the old one, so a
 * crash leaves either the old file or the new one, never half of one.
 */
export async function saveData(path: string, data: FileData): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(data), 'utf8');
  await rename(temporary, path);
}
