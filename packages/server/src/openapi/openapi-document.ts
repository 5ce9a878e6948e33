import { z } from 'zod';
import type { RouteContract } from '../routes/route-contract';
import { ProblemSchema } from '../schemas/problem';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** Path or query parameters from an object schema: one OpenAPI parameter per property. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function success(route: RouteContract): Record<string, unknown> {
  const { response } = route;
  switch (response.kind) {
    case 'json':
      return {
        [response.status]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } },
        },
      };
    case 'file':
      return {
        200: {
          description: 'The document, as an attachment',
          content: Object.fromEntries(
            response.mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
      };
    case 'html':
      return { 200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } };
    case 'empty':
      return { 204: { description: 'Done' } };
  }
}

function operation(id: string, route: RouteContract): JsonSchema {
  const session = route.auth === 'session';
  const idempotency =
    route.idempotencyKey === 'required'
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 100 },
            description: 'New for each change; a retry with the same key gets the first answer.',
          },
        ]
      : [];
  return {
    operationId: id,
    summary: route.summary,
    tags: [route.tag],
    security: session ? [{ portalSession: [] }] : [],
    ...(route.permission === undefined ? {} : { 'x-billfold-permission': route.permission }),
    ...(route.state === 'planned'
      ? { 'x-billfold-state': 'planned', description: 'Answers 501 until the host wires payment flows.' }
      : {}),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...idempotency],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }),
    responses: {
      ...success(route),
      400: problem('Invalid input (`invalid_input`, with the `path` of the bad field)'),
      ...(session ? { 401: problem('No valid session token'), 403: problem('The session lacks the permission') } : {}),
      ...(route.params !== undefined ? { 404: problem('Not found, or not this customer’s') } : {}),
      ...(route.changes ? { 409: problem('Not allowed in the current state, or a conflicting retry') } : {}),
      429: problem('Rate limited; see `Retry-After`'),
      500: problem('Internal error (no details)'),
    },
  };
}

/**
 * The OpenAPI 3.1 document of the portal, generated from the route table's zod schemas (JSON Schema 2020-12),
 * so the document, the validation and the typed client cannot drift apart.
 */
export function buildOpenApiDocument(
  routes: Readonly<Record<string, RouteContract>>,
  options: { readonly basePath: string; readonly version: string },
): Record<string, unknown> {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [id, route] of Object.entries(routes)) {
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = operation(id, route);
    paths[route.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Billfold customer portal API',
      version: options.version,
      description: 'What a signed-in customer sees and does: invoices, credit notes, subscription, usage, profile.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: options.basePath === '' ? '/' : options.basePath }],
    paths,
    components: {
      securitySchemes: {
        portalSession: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A portal session token minted by the host’s backend',
        },
      },
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
    },
  };
}
