import type { Migration } from './migration';

/**
 * What a tax rate says for e-invoices (EN 16931): its kind of tax (`vat` or `sales_tax`), its VAT category and
 * the exemption reason of categories without VAT. All optional: rates stored before keep their meaning.
 */
export const taxRateCategoriesMigration: Migration = {
  version: 2,
  name: 'tax-rate-categories',
  statements: ['ALTER TABLE tax_rates ADD COLUMN tax_type text, ADD COLUMN category text, ADD COLUMN exemption jsonb'],
};
