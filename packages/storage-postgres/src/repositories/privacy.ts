import { ERASED_CUSTOMER_NAME, ERASED_PROVIDER_REFERENCE, type PersonalDataRepository } from '@billfold/core';
import type { SqlClient } from '../client/sql-client';
import type { BillingTables } from '../schema/tables';

/** How many rows a statement with `RETURNING 1` touched. */
async function count(client: SqlClient, statement: string, params: readonly unknown[]): Promise<number> {
  return (await client.query(statement, params)).length;
}

/**
 * Erasure over SQL: one statement per table, each touching only the customer's rows that still hold something
 * to clear (so a second run counts nothing); see {@link PersonalDataRepository}. @internal
 */
export function privacyRepository(client: SqlClient, tables: BillingTables): PersonalDataRepository {
  const work = <T>(run: (tx: SqlClient) => Promise<T>) =>
    client.inTransaction ? run(client) : client.transaction(run);
  return {
    scrubCustomer: (customerId) =>
      work(async (tx) => {
        const id = [customerId];
        const clearMetadata = (table: string, extra = '', extraCondition = 'false') =>
          count(
            tx,
            `UPDATE ${table} SET metadata = '{}'::jsonb${extra} WHERE customer_id = $1
              AND (metadata <> '{}'::jsonb OR ${extraCondition}) RETURNING 1`,
            id,
          );
        return {
          usageEvents: await count(
            tx,
            `UPDATE ${tables.usageEvents.name} SET properties = '{}'::jsonb
              WHERE customer_id = $1 AND properties <> '{}'::jsonb RETURNING 1`,
            id,
          ),
          payments: await clearMetadata(tables.payments.name, ', reference = NULL', 'reference IS NOT NULL'),
          refunds: await count(
            tx,
            `UPDATE ${tables.refunds.name} SET reason = NULL WHERE customer_id = $1 AND reason IS NOT NULL RETURNING 1`,
            id,
          ),
          subscriptions: await clearMetadata(tables.subscriptions.name),
          invoices: await clearMetadata(
            tables.invoices.name,
            `, customer_snapshot = customer_snapshot || '{"email":""}'::jsonb`,
            `customer_snapshot->>'email' <> ''`,
          ),
          creditNotes: await clearMetadata(tables.creditNotes.name),
          // the id as a JSON string anywhere in the response ("cus_1" does not match "cus_12")
          idempotencyRecords: await count(
            tx,
            `DELETE FROM ${tables.idempotencyRecords.name} WHERE strpos(response::text, $1) > 0 RETURNING 1`,
            [JSON.stringify(customerId)],
          ),
          // pending notifications are cancelled: dead, never sent
          outboxEntries: await count(
            tx,
            `UPDATE ${tables.outbox.name} SET last_error = NULL,
                status = CASE WHEN status = 'pending' THEN 'dead' ELSE status END
              WHERE customer_id = $1 AND (last_error IS NOT NULL OR status = 'pending') RETURNING 1`,
            id,
          ),
          // the shape of core's erasedPaymentMethod: token `erased:<id>`, no card or wallet e-mail, detached
          paymentMethods: await count(
            tx,
            `UPDATE ${tables.paymentMethods.name} SET provider_method_id = 'erased:' || id, customer_reference = $2,
                card = NULL, email = NULL, status = 'detached', is_default = false
              WHERE customer_id = $1 AND (provider_method_id <> 'erased:' || id OR customer_reference <> $2
                OR card IS NOT NULL OR email IS NOT NULL OR status <> 'detached' OR is_default) RETURNING 1`,
            [customerId, ERASED_PROVIDER_REFERENCE],
          ),
          paymentAttempts: await count(
            tx,
            `UPDATE ${tables.paymentAttempts.name} SET decline = jsonb_set(decline, '{message}', '""'::jsonb)
              WHERE customer_id = $1 AND decline IS NOT NULL AND decline->>'message' <> '' RETURNING 1`,
            id,
          ),
          auditEntries: await count(
            tx,
            `UPDATE ${tables.auditLog.name} SET "before" = NULL, "after" = NULL, redacted = true
              WHERE customer_id = $1 AND redacted IS NULL RETURNING 1`,
            id,
          ),
        };
      }),
    purgeRetained: (customerId, { issuedBefore }) =>
      work(async (tx) => {
        const due = `customer_id = $1 AND customer_snapshot IS NOT NULL
          AND coalesce(issued_at, created_at) < $2::timestamptz`;
        const invoices = await count(
          tx,
          `UPDATE ${tables.invoices.name}
            SET customer_snapshot = (customer_snapshot - 'address')
              || jsonb_build_object('name', $3::text, 'email', '', 'taxIds', '[]'::jsonb)
            WHERE ${due} AND (customer_snapshot ? 'address' OR customer_snapshot->>'name' <> $3
              OR customer_snapshot->>'email' <> '' OR customer_snapshot->'taxIds' <> '[]'::jsonb) RETURNING 1`,
          [customerId, issuedBefore, ERASED_CUSTOMER_NAME],
        );
        await tx.query(
          `UPDATE ${tables.creditNotes.name} SET memo = NULL WHERE customer_id = $1 AND memo IS NOT NULL
            AND invoice_id IN (SELECT id FROM ${tables.invoices.name} WHERE ${due})`,
          [customerId, issuedBefore],
        );
        const [left] = await tx.query<{ remaining: number }>(
          `SELECT count(*)::integer AS remaining FROM ${tables.invoices.name} WHERE customer_id = $1
            AND customer_snapshot IS NOT NULL AND coalesce(issued_at, created_at) >= $2::timestamptz`,
          [customerId, issuedBefore],
        );
        return { invoices, remaining: left?.remaining ?? 0 };
      }),
  };
}
