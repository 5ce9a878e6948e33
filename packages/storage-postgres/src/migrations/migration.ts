/** One versioned step of the SQL schema. Applied once per schema, in `version` order, recorded in `schema_migrations`. */
export interface Migration {
  /** Increases by one per migration; never reused. */
  readonly version: number;
  /** A short name, recorded with the version. */
  readonly name: string;
  /** The statements, run in order inside one transaction (one statement each, so PGlite and `pg` run them alike). */
  readonly statements: readonly string[];
}
