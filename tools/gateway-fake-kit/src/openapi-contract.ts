import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseBracketedForm } from './form-body';
import { openApiToJsonSchema } from './openapi-schemas';

/** One operation of a spec that a request matched. */
export interface MatchedOperation {
  /** The spec's `operationId` (`PostPaymentIntents`, `orders.create`). */
  readonly operationId: string;
  readonly method: string;
  /** The path template (`/v1/payment_intents/{intent}`). */
  readonly template: string;
  /** Path parameters by name. */
  readonly params: Readonly<Record<string, string>>;
}

/** A request as the fake received it. */
export interface ContractRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly contentType: string;
  readonly rawBody: string;
}

interface Operation {
  readonly id: string;
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly names: string[];
  readonly specId: string;
  readonly pointer: string;
  readonly node: OperationNode;
}

interface ParameterNode {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
  $ref?: string;
}

interface OperationNode {
  operationId?: string;
  parameters?: ParameterNode[];
  requestBody?: { required?: boolean; content?: Record<string, unknown>; $ref?: string };
  responses?: Record<string, { content?: Record<string, unknown>; $ref?: string }>;
}

type SpecDocument = {
  paths: Record<string, Record<string, OperationNode>>;
  components?: Record<string, Record<string, unknown>>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A JSON pointer segment, escaped and URI-encoded for a `$ref` fragment. */
function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1')).replaceAll('%7E', '~');
}

function formatErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('; ');
}

/**
 * A provider's published OpenAPI description used as a contract: which operation a request names, whether its
 * parameters and body are documented and valid, and whether a response matches the documented schema. Validation
 * is Ajv (JSON Schema) over the spec's own schemas, compiled lazily per operation.
 */
export class OpenApiContract {
  readonly #operations: Operation[] = [];
  readonly #documents = new Map<string, SpecDocument>();
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #requestAjv = new Ajv({
    strict: false,
    logger: false,
    validateSchema: false,
    unicodeRegExp: false,
    coerceTypes: 'array',
  });
  readonly #responseAjv = new Ajv({ strict: false, logger: false, validateSchema: false, unicodeRegExp: false });

  /** Loads the spec files (JSON, OpenAPI 3.0). */
  constructor(files: readonly string[]) {
    addFormats(this.#requestAjv);
    addFormats(this.#responseAjv);
    files.forEach((file, index) => {
      const specId = `spec${index}`;
      const document = openApiToJsonSchema(JSON.parse(readFileSync(file, 'utf8'))) as unknown as SpecDocument;
      this.#documents.set(specId, document);
      this.#requestAjv.addSchema(document as object, specId);
      this.#responseAjv.addSchema(document as object, specId);
      for (const [template, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
          const node = item[method];
          if (node === undefined) continue;
          const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
          const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
          const pointer = `#/paths/${pointerSegment(template)}/${method}`;
          const id = node.operationId ?? `${method} ${template}`;
          this.#operations.push({ id, method, template, pattern, names, specId, pointer, node });
        }
      }
    });
    // Literal paths (`/v1/payment_intents/search`) win over templates (`/v1/payment_intents/{intent}`).
    this.#operations.sort((a, b) => a.names.length - b.names.length);
  }

  /** The operation `method path` names, or `undefined` when the spec has none. */
  match(method: string, path: string): MatchedOperation | undefined {
    const operation = this.#find(method, path);
    if (operation === undefined) return undefined;
    const values = operation.pattern.exec(path)?.slice(1) ?? [];
    const params = Object.fromEntries(operation.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    return { operationId: operation.id, method: operation.method, template: operation.template, params };
  }

  #find(method: string, path: string): Operation | undefined {
    return this.#operations.find((op) => op.method === method.toLowerCase() && op.pattern.test(path));
  }

  #validator(ajv: Ajv, ref: string): ValidateFunction {
    const cacheKey = `${ajv === this.#requestAjv ? 'request' : 'response'} ${ref}`;
    let validate = this.#compiled.get(cacheKey);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: ref });
      this.#compiled.set(cacheKey, validate);
    }
    return validate;
  }

  #resolve<T>(specId: string, node: T & { $ref?: string }): T {
    if (node.$ref === undefined) return node;
    const path = node.$ref.replace(/^#\//, '').split('/');
    let target: unknown = this.#documents.get(specId);
    for (const segment of path) target = (target as Record<string, unknown>)[segment.replaceAll('~1', '/')];
    return target as T;
  }

  /**
   * Every way `request` departs from the spec: an undocumented path or method, a missing or invalid documented
   * parameter, an undocumented query parameter, a body that does not match the documented schema (Stripe's form
   * bodies decoded from bracketed keys first). Empty when the request follows the contract.
   */
  checkRequest(request: ContractRequest): string[] {
    const operation = this.#find(request.method, request.path);
    if (operation === undefined) return [`${request.method} ${request.path} is not in the spec`];
    const problems: string[] = [];
    const where = `${request.method} ${operation.template}`;
    const parameters = (operation.node.parameters ?? []).map((p) => this.#resolve(operation.specId, p));
    const values = operation.pattern.exec(request.path)?.slice(1) ?? [];
    parameters.forEach((parameter, index) => {
      const raw =
        parameter.in === 'path'
          ? values[operation.names.indexOf(parameter.name)]
          : parameter.in === 'query'
            ? (request.query.get(parameter.name) ?? (request.query.has(`${parameter.name}[0]`) ? '' : undefined))
            : parameter.in === 'header'
              ? request.headers[parameter.name.toLowerCase()]
              : undefined;
      if (raw === undefined) {
        if (parameter.required) problems.push(`${where}: missing required ${parameter.in} parameter ${parameter.name}`);
        return;
      }
      if (parameter.schema === undefined || raw === '') return;
      const rawParameters = operation.node.parameters ?? [];
      const ref = (rawParameters[index] as ParameterNode).$ref;
      const pointer =
        ref !== undefined
          ? `${operation.specId}${ref}/schema`
          : `${operation.specId}${operation.pointer}/parameters/${index}/schema`;
      const validate = this.#validator(this.#requestAjv, pointer);
      const holder = { value: decodeURIComponent(raw) };
      if (!validate(holder.value)) {
        problems.push(`${where}: ${parameter.in} parameter ${parameter.name}: ${formatErrors(validate)}`);
      }
    });
    const documentedQuery = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(request.query.keys())) {
      if (!documentedQuery.has(name.replace(/\[.*$/, '')))
        problems.push(`${where}: undocumented query parameter ${name}`);
    }
    problems.push(...this.#checkBody(operation, request, where));
    return problems;
  }

  #checkBody(operation: Operation, request: ContractRequest, where: string): string[] {
    const body = operation.node.requestBody && this.#resolve(operation.specId, operation.node.requestBody);
    if (request.rawBody === '') {
      return body?.required ? [`${where}: the request body is required`] : [];
    }
    if (body?.content === undefined) return [`${where}: sends a body the operation does not take`];
    const mediaType = request.contentType.split(';')[0]?.trim() ?? '';
    if (!(mediaType in body.content)) return [`${where}: body media type ${mediaType} is not documented`];
    let data: unknown;
    try {
      data = mediaType === 'application/json' ? JSON.parse(request.rawBody) : parseBracketedForm(request.rawBody);
    } catch {
      return [`${where}: the body is not valid ${mediaType}`];
    }
    const bodyPointer = operation.node.requestBody?.$ref
      ? `${operation.specId}${operation.node.requestBody.$ref}`
      : `${operation.specId}${operation.pointer}/requestBody`;
    const validate = this.#validator(this.#requestAjv, `${bodyPointer}/content/${pointerSegment(mediaType)}/schema`);
    return validate(data) ? [] : [`${where}: body: ${formatErrors(validate)}`];
  }

  /** Every way a response departs from the documented response of `method path` for `status`. */
  checkResponse(method: string, path: string, status: number, body: unknown): string[] {
    const operation = this.#find(method, path);
    if (operation === undefined) return [`${method} ${path} is not in the spec`];
    const responses = operation.node.responses ?? {};
    const key =
      String(status) in responses
        ? String(status)
        : `${String(status)[0]}XX` in responses
          ? `${String(status)[0]}XX`
          : 'default';
    const response = responses[key];
    const where = `${method} ${operation.template} → ${status}`;
    if (response === undefined) return [`${where}: status is not documented`];
    const resolved = this.#resolve(operation.specId, response);
    const content = resolved.content;
    if (content === undefined || !('application/json' in content)) {
      return body === undefined ? [] : [`${where}: the spec documents no JSON body`];
    }
    const base = response.$ref
      ? `${operation.specId}${response.$ref}`
      : `${operation.specId}${operation.pointer}/responses/${pointerSegment(key)}`;
    const validate = this.#validator(this.#responseAjv, `${base}/content/${pointerSegment('application/json')}/schema`);
    return validate(body) ? [] : [`${where}: ${formatErrors(validate)}`];
  }

  /** Every way `value` departs from the component schema `name` (`event`, `payment_intent`) of spec `index`. */
  checkSchema(name: string, value: unknown, index = 0): string[] {
    const validate = this.#validator(this.#responseAjv, `spec${index}#/components/schemas/${pointerSegment(name)}`);
    return validate(value) ? [] : [`schema ${name}: ${formatErrors(validate)}`];
  }
}
