// Checks responses against the server's own OpenAPI document, as a client generated from it
// would read them: the status is declared for the operation, the content type is one it
// declares for that status, and the body validates against that schema in JSON Schema 2020-12
// (OpenAPI 3.1's dialect, with ajv's 2020 build, as Prism does). Collects every mismatch, and
// which operations were exercised, so a test can list them all at once.
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type JsonObject = Record<string, unknown>;

interface MediaType {
  schema?: unknown;
}

interface ResponseObject {
  content?: Record<string, MediaType>;
}

interface Operation {
  key: string;
  method: string;
  pattern: RegExp;
  /** Literal path segments: `/questions/conditionals` wins over `/questions/{id}`. */
  literalSegments: number;
  responses: Record<string, ResponseObject>;
}

export interface CheckedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  /** The body as text; ignored for streams, whose end never comes. */
  body: string;
}

const COMPONENT_PREFIX = '#/components/schemas/';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class OpenApiConformance {
  readonly mismatches: string[] = [];
  readonly exercised = new Set<string>();
  private readonly operations: Operation[] = [];
  private readonly ajv: AjvInstance;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly components: JsonObject;

  constructor(document: JsonObject) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (ajv: AjvInstance) => void)(this.ajv);
    this.components = ((document.components as JsonObject)?.schemas ?? {}) as JsonObject;
    for (const [path, item] of Object.entries(document.paths as Record<string, JsonObject>)) {
      const segments = path.split('/').filter(Boolean);
      const pattern = new RegExp(
        `^/${segments.map((s) => (s.startsWith('{') ? '[^/]+' : escapeRegExp(s))).join('/')}$`,
      );
      for (const [method, operation] of Object.entries(item)) {
        this.operations.push({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          pattern,
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          responses: (operation as { responses: Record<string, ResponseObject> }).responses,
        });
      }
    }
  }

  /** Every operation of the document, as `METHOD /path`. */
  get operationKeys(): string[] {
    return this.operations.map((operation) => operation.key);
  }

  check(method: string, url: string, response: CheckedResponse, isStream = false): void {
    const path = url.split('?')[0]!;
    const operation = this.operations
      .filter((candidate) => candidate.method === method && candidate.pattern.test(path))
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];
    const where = `${method} ${url} → ${response.statusCode}`;
    if (!operation) {
      this.mismatches.push(`${where}: no operation in the document`);
      return;
    }
    this.exercised.add(operation.key);
    const declared = operation.responses[String(response.statusCode)];
    if (!declared) {
      this.mismatches.push(`${where}: status not declared (${operation.key})`);
      return;
    }
    const mediaType = String(response.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    if (!declared.content) {
      if (response.body !== '' || mediaType !== '') {
        this.mismatches.push(`${where}: declared without content, got ${mediaType || 'a body'}`);
      }
      return;
    }
    const media = declared.content[mediaType];
    if (!media) {
      const expected = Object.keys(declared.content).join(', ');
      this.mismatches.push(`${where}: content type "${mediaType}", declared ${expected}`);
      return;
    }
    if (isStream) return;
    const validate = this.validator(`${operation.key} ${response.statusCode} ${mediaType}`, media);
    let data: unknown = response.body;
    if (mediaType === 'application/json') {
      try {
        data = JSON.parse(response.body);
      } catch {
        this.mismatches.push(`${where}: body is not JSON`);
        return;
      }
    }
    if (!validate(data)) {
      const problems = this.ajv.errorsText(validate.errors, { separator: '; ' });
      this.mismatches.push(`${where}: ${problems.slice(0, 500)}`);
    }
  }

  private validator(key: string, media: MediaType): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.resolveRefs(media.schema ?? {}) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Inlines `#/components/schemas/…` (the document's only references; none is recursive). */
  private resolveRefs(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((item) => this.resolveRefs(item));
    if (typeof node !== 'object' || node === null) return node;
    const { $ref, ...rest } = node as JsonObject;
    if (typeof $ref === 'string' && $ref.startsWith(COMPONENT_PREFIX)) {
      const target = this.components[$ref.slice(COMPONENT_PREFIX.length)];
      if (target === undefined) throw new Error(`unresolved ${$ref}`);
      return { ...(this.resolveRefs(target) as JsonObject), ...rest };
    }
    return Object.fromEntries(
      Object.entries(node as JsonObject).map(([key, value]) => [key, this.resolveRefs(value)]),
    );
  }
}
