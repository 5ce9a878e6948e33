import type { Migration } from './migration';

/**
 * Gateway payouts: `payouts`, the payouts imported from payment gateways with their balance transactions, unique by
 * `key` (`payout:<provider>:<payout id>`) so two imports of one payout store it once; those awaiting their deposit
 * or a person indexed by status for the bank-statement import and the unreconciled-cash report. A bank credit
 * names the payout it deposits (`payout_id`).
 */
export const gatewayPayoutsMigration: Migration = {
  version: 9,
  name: 'gateway-payouts',
  statements: [
    `CREATE TABLE payouts (
      id text COLLATE "C" PRIMARY KEY, key text COLLATE "C" NOT NULL, provider text NOT NULL,
      provider_payout_id text NOT NULL, currency text NOT NULL, arrival_date text NOT NULL,
      statement_descriptor text, charges numeric NOT NULL, refunds numeric NOT NULL, disputes numeric NOT NULL,
      adjustments numeric NOT NULL, fees numeric NOT NULL, net numeric NOT NULL, transactions jsonb NOT NULL,
      status text NOT NULL, mismatches jsonb NOT NULL, bank_credit_id text COLLATE "C",
      imported_at timestamptz NOT NULL, deposited_at timestamptz, version integer NOT NULL,
      CONSTRAINT payouts_key UNIQUE (key))`,
    'CREATE INDEX payouts_status ON payouts (status, id)',
    'ALTER TABLE bank_credits ADD COLUMN payout_id text COLLATE "C"',
  ],
};
