/**
 * OpenAPI 3.0 schemas made valid JSON Schema for Ajv: `nullable: true` becomes a `null` alternative (Ajv refuses
 * `nullable` without `type`, which Stripe's `anyOf` fields have).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy of `node` with every OpenAPI `nullable: true` rewritten as JSON Schema. */
export function openApiToJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(openApiToJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const copy: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    // Examples are data, not schemas: leave them alone (they may hold keys named like keywords).
    copy[key] = key === 'example' || key === 'examples' ? value : openApiToJsonSchema(value);
  }
  if (node.nullable !== true) return copy;
  if (typeof copy.type === 'string' && copy.enum === undefined) return { ...copy, type: [copy.type, 'null'] };
  return { anyOf: [copy, { type: 'null' }] };
}
