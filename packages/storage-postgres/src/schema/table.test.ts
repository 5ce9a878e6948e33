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

  it('writes one record of one JSON parameter, and many as one array parameter per column', () => {
    expect(charges.insert).toContain(
      'json_to_recordset($1::json) AS r("id" text, "amountDue" numeric, "dueAt" timestamptz',
    );
    expect(charges.insertNew).toMatch(/ON CONFLICT DO NOTHING RETURNING "id"$/);
    expect(charges.insertArrays).toContain(
      'ROWS FROM (unnest($1::text[]), unnest($2::numeric[]), unnest($3::timestamptz[]), jsonb_array_elements($4::jsonb), unnest($5::integer[]))',
    );
  });

  it('updates by id through the primary key under the optimistic version rule, all fields or the named ones', () => {
    expect(charges.update).toContain('"amount_due" = r.c1, "due_at" = r.c2, "lines" = r.c3, "version" = r.c4');
    expect(charges.update).toContain('t."id" = ANY($1::text[]) AND t."id" = r.c0 AND t."version" = r.c4 - 1');
    expect(charges.update).not.toContain('"id" = r.c0,');
    const dueOnly = charges.updateOf(['dueAt']);
    expect(dueOnly).toContain('SET "due_at" = r.c1, "version" = r.c2 FROM ROWS FROM (unnest($1::text[]), unnest($2::timestamptz[]), unnest($3::integer[]))');
    expect(dueOnly).toContain('t."version" = r.c2 - 1');
    expect(charges.updateOf(['dueAt'])).toBe(dueOnly);
    const record = { id: 'ch_1', amountDue: '1.50', lines: [{ amount: '1.50' }], version: 2 };
    expect(charges.columnArrays([record], ['dueAt'])).toEqual([['ch_1'], [null], [2]]);
    expect(charges.columnArrays([record])).toEqual([['ch_1'], ['1.50'], [null], '[[{"amount":"1.50"}]]', [2]]);
  });

  it('leaves NULL optional fields out of the record, and keeps required ones', () => {
    const row = { id: 'ch_1', amountDue: '1.50', dueAt: null, lines: null, version: 1 };
    expect(charges.toRecord(row)).toStrictEqual({ id: 'ch_1', amountDue: '1.50', lines: null, version: 1 });
  });
});
