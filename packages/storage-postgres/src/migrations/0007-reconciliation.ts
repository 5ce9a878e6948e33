import type { Migration } from './migration';

/**
 * Bank reconciliation: `bank_credits`, the credit lines of imported statements, unique by `key`
 * (`bank:<account>:<line id>`) so a statement imported twice stores each line once; the lines waiting for a person
 * (proposed, unmatched) indexed for the queue and the unreconciled-cash report.
 */
export const reconciliationMigration: Migration = {
  version: 7,
  name: 'reconciliation',
  statements: [
    `CREATE TABLE bank_credits (
      id text COLLATE "C" PRIMARY KEY, key text COLLATE "C" NOT NULL, account text NOT NULL, line_id text NOT NULL,
      entry_id text NOT NULL, status text NOT NULL, resolution text, reason text, amount numeric NOT NULL,
      currency text NOT NULL, value_date text, payer_name text, payer_iban text, remittance text NOT NULL,
      candidates jsonb NOT NULL, referenced_invoice_ids jsonb NOT NULL, customer_id text COLLATE "C",
      payment_id text COLLATE "C", imported_at timestamptz NOT NULL, resolved_at timestamptz,
      version integer NOT NULL, CONSTRAINT bank_credits_key UNIQUE (key))`,
    'CREATE INDEX bank_credits_status ON bank_credits (status, id)',
    'CREATE INDEX bank_credits_customer ON bank_credits (customer_id, id) WHERE customer_id IS NOT NULL',
  ],
};
