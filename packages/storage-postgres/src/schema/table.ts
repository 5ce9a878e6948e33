/**
 * How a record type maps to a table: one column per field, named in snake_case. The SQL that reads and writes
 * whole records is generated from the map, so every repository shares one tested code path.
 * @internal
 */

/** The SQL type of a column. */
export type ColumnKind = 'text' | 'integer' | 'boolean' | 'numeric' | 'timestamptz' | 'jsonb';

/**
 * The column kind of every field of `T`; optional fields must say so with a trailing `?` (they are stored as
 * `NULL` and left out again when read), so a field added to a domain type fails to compile until it is mapped.
 */
export type ColumnMap<T> = {
  readonly [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? `${ColumnKind}?` : ColumnKind;
};

/** One mapped field. */
interface Column {
  readonly field: string;
  readonly column: string;
  readonly kind: ColumnKind;
  readonly optional: boolean;
}

/** Double-quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table name, qualified with its schema when one is given. */
export function qualifiedName(table: string, schema: string | undefined): string {
  return schema === undefined ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** `amountDue` → `amount_due`. */
function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** How an instant is read back: ISO-8601 in UTC with milliseconds, whatever the session's TimeZone or DateStyle. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The expression that reads `column` (of `alias`) as the value its field holds in the domain. */
function readExpression(alias: string, column: Column): string {
  const ref = `${alias}.${quoteIdent(column.column)}`;
  switch (column.kind) {
    case 'numeric':
      return `${ref}::text`;
    case 'timestamptz':
      return `to_char(${ref} AT TIME ZONE 'UTC', ${ISO_UTC})`;
    default:
      return ref;
  }
}

/**
 * `ROWS FROM (…) AS r(c0, c1, …)` over parameters `$1` … `$n`, one per column: `unnest` of an array of the column's
 * type, or `jsonb_array_elements` of a JSON array for a `jsonb` column.
 */
function rowsFrom(columns: readonly Column[]): string {
  const sources = columns.map((c, i) =>
    c.kind === 'jsonb' ? `jsonb_array_elements($${i + 1}::jsonb)` : `unnest($${i + 1}::${c.kind}[])`,
  );
  return `ROWS FROM (${sources.join(', ')}) AS r(${columns.map((_, i) => `c${i}`).join(', ')})`;
}

/** The value of each column in {@link rowsFrom}: an absent optional `jsonb` field (JSON `null`) becomes SQL NULL. */
function zippedValues(columns: readonly Column[]): string[] {
  return columns.map((c, i) => (c.kind === 'jsonb' && c.optional ? `nullif(r.c${i}, 'null'::jsonb)` : `r.c${i}`));
}

/**
 * The generated statements of one table. Writes take every record as one JSON parameter read with
 * `json_to_recordset`, so one record and ten thousand cost one statement each.
 */
export class TableSql<T> {
  /** The qualified table name. */
  readonly name: string;
  /** The primary-key column, as `t."id"`. */
  readonly keyColumn: string;
  /** `SELECT <every field> FROM <table> t`, each column read back as its field (`"amount_due"::text AS "amountDue"`). */
  readonly select: string;
  /** `INSERT` of the records in `$1` (a JSON array); a duplicate key fails the whole statement. */
  readonly insert: string;
  /** `INSERT` of the records in `$1` that skips rows breaking a unique key and returns the keys it wrote. */
  readonly insertNew: string;
  /**
   * `UPDATE` of the records given as one parameter per column (as {@link insertArrays}, see {@link columnArrays})
   * whose stored version is `version - 1`; returns the ids written.
   */
  readonly update: string;
  /**
   * `INSERT` of the records given as one parameter per column (`$1` … `$n`, see {@link columnArrays}), zipped with
   * `ROWS FROM`: an array of PostgreSQL's own type per scalar column (`unnest`, no JSON to parse) and one JSON array
   * per `jsonb` column (`jsonb_array_elements`: one `JSON.stringify` of the column instead of one per record, and no
   * array-literal escaping of JSON text). The cheapest way in short of COPY.
   */
  readonly insertArrays: string;
  readonly #columns: readonly Column[];
  readonly #key: string;
  /** {@link updateOf} texts by their fields. */
  readonly #updates = new Map<string, string>();

  constructor(
    readonly table: string,
    map: ColumnMap<T>,
    schema: string | undefined,
    key: keyof T & string = 'id' as keyof T & string,
  ) {
    this.name = qualifiedName(table, schema);
    this.keyColumn = `t.${quoteIdent(snakeCase(key))}`;
    const all = Object.entries(map as Record<string, string>).map(([field, spec]) => ({
      field,
      column: snakeCase(field),
      kind: spec.replace('?', '') as ColumnKind,
      optional: spec.endsWith('?'),
    }));
    this.#columns = all;
    this.select = `SELECT ${all.map((c) => `${readExpression('t', c)} AS ${quoteIdent(c.field)}`).join(', ')} FROM ${this.name} t`;
    const recordset = `json_to_recordset($1::json) AS r(${all.map((c) => `${quoteIdent(c.field)} ${c.kind}`).join(', ')})`;
    const columns = all.map((c) => quoteIdent(c.column)).join(', ');
    const values = all.map((c) => `r.${quoteIdent(c.field)}`).join(', ');
    this.insert = `INSERT INTO ${this.name} (${columns}) SELECT ${values} FROM ${recordset}`;
    this.insertNew = `${this.insert} ON CONFLICT DO NOTHING RETURNING ${quoteIdent(snakeCase(key))}`;
    this.insertArrays = `INSERT INTO ${this.name} (${columns}) SELECT ${zippedValues(all).join(', ')} FROM ${rowsFrom(all)}`;
    this.#key = key;
    this.update = this.#updateOf(all);
  }

  /**
   * {@link update} of only these fields (with the id and `version`, which every update writes): the other columns
   * keep what is stored. Its parameters: {@link columnArrays} of the same fields. One text per set of fields.
   */
  updateOf(fields: readonly (keyof T & string)[]): string {
    const wanted = new Set<string>([...fields, this.#key, 'version']);
    const key = this.#columns.flatMap((c) => (wanted.has(c.field) ? [c.field] : [])).join(',');
    let text = this.#updates.get(key);
    if (text === undefined) {
      text = this.#updateOf(this.#columns.filter((c) => wanted.has(c.field)));
      this.#updates.set(key, text);
    }
    return text;
  }

  #updateOf(columns: readonly Column[]): string {
    const values = zippedValues(columns);
    const id = columns.findIndex((c) => c.field === 'id');
    const at = (field: string) => values[columns.findIndex((c) => c.field === field)];
    const assignments = columns.flatMap((c, i) =>
      c.field === this.#key ? [] : [`${quoteIdent(c.column)} = ${values[i] as string}`],
    );
    // The ids again as an array: the rows are found through the primary key, where a join on the zipped rows alone
    // is planned as a scan of the whole table for each batch.
    return `UPDATE ${this.name} t SET ${assignments.join(', ')} FROM ${rowsFrom(columns)}
      WHERE t."id" = ANY($${id + 1}::text[]) AND t."id" = ${at('id')} AND t."version" = ${at('version')} - 1
      RETURNING t."id"`;
  }

  /** How many columns the table has: the parameters of {@link insertArrays}. */
  get columnCount(): number {
    return this.#columns.length;
  }

  /**
   * The parameters of {@link insertArrays}, in column order: for a scalar column the array of the records' fields
   * (`null` for an absent optional field), for a `jsonb` column the JSON text of that array (an absent field is
   * `null` in it). With `fields`, those of {@link updateOf} for the same fields.
   */
  columnArrays(records: readonly T[], fields?: readonly (keyof T & string)[]): unknown[] {
    const wanted = fields === undefined ? undefined : new Set<string>([...fields, this.#key, 'version']);
    const columns = wanted === undefined ? this.#columns : this.#columns.filter((c) => wanted.has(c.field));
    return columns.map(({ field, kind }) => {
      const values = records.map((record) => (record as Record<string, unknown>)[field] ?? null);
      return kind === 'jsonb' ? JSON.stringify(values) : values;
    });
  }

  /**
   * The record a row of {@link select} (or of a {@link selectOf} projection) holds: `NULL` optional fields are left
   * out. A new object, filled field by field in column order, rather than `delete` on the row: deleting a field
   * turns an object into a slow dictionary, and records such as the subscriptions ingestion decides on are read
   * once per event.
   */
  toRecord(row: Record<string, unknown>): T {
    const record: Record<string, unknown> = {};
    for (const { field, optional } of this.#columns) {
      const value = row[field];
      if (value === undefined || (value === null && optional)) continue;
      record[field] = value;
    }
    return record as T;
  }

  /** `SELECT <these fields> FROM <table> t`, each read back as {@link select} reads it: a projection of records. */
  selectOf(fields: readonly (keyof T & string)[]): string {
    const wanted = new Set<string>(fields);
    const columns = this.#columns.filter((c) => wanted.has(c.field));
    return `SELECT ${columns.map((c) => `${readExpression('t', c)} AS ${quoteIdent(c.field)}`).join(', ')} FROM ${this.name} t`;
  }

  /** The table with these fields' columns, as `COPY` names its target: `"s"."t" ("a", "b_c")`. */
  copyTarget(fields: readonly (keyof T & string)[]): string {
    return `${this.name} (${fields.map((field) => quoteIdent(snakeCase(field))).join(', ')})`;
  }

  /** The SQL column of a field, for filters. */
  column(field: keyof T & string): string {
    return `t.${quoteIdent(snakeCase(field))}`;
  }
}
