import { describe, expect, it } from 'vitest';
import { TableSql } from './table';

interface Charge {
  id: string;
  amountDue: string;
  dueAt?: string;
  lines: { amount: string }[];
  version: number;
}

const charges = new TableSql<Charge>(
  'charges',
  { id: 'text', amountDue: 'numeric', dueAt: 'timestamptz?', lines: 'jsonb', version: 'integer' },
  'billing',
);

describe('TableSql', () => {
  it('reads numerics as text and instants as ISO UTC, aliased to field names', () => {
    expect(charges.select).toContain('t."amount_due"::text AS "amountDue"');
    expect(charges.select).toContain(
      `to_char(t."due_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "dueAt"`,
    );
    expect(charges.select).toContain('FROM "billing"."charges" t');
  });

  it('writes every record of one JSON parameter, with the optimistic version rule on update', () => {
    expect(charges.insert).toContain(
      'json_to_recordset($1::json) AS r("id" text, "amountDue" numeric, "dueAt" timestamptz',
    );
    expect(charges.insertNew).toMatch(/ON CONFLICT DO NOTHING RETURNING "id"$/);
    expect(charges.update).toContain('t."version" = r."version" - 1');
    expect(charges.update).not.toContain('"id" = r."id",');
  });

  it('leaves NULL optional fields out of the record, and keeps required ones', () => {
    const row = { id: 'ch_1', amountDue: '1.50', dueAt: null, lines: null, version: 1 };
    expect(charges.toRecord(row)).toStrictEqual({ id: 'ch_1', amountDue: '1.50', lines: null, version: 1 });
  });
});
