// Request validation: JSON bodies are checked strictly (no type coercion: "0.5" is not a number),
// while path and query parameters, which are always strings on the wire, are coerced.

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    coerceTypes,
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  (addFormats as unknown as (ajv: Ajv) => void)(ajv);
  // ajv-formats accepts RFC 3339 texts that `new Date` cannot read (a leap second such as
  // 23:59:60Z, an offset without minutes such as +01): routes turn date-times into Dates, so such
  // a value must fail validation (400) instead of becoming an Invalid Date (500).
  const rfc3339 = ajv.formats['date-time'] as { validate: (text: string) => boolean };
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => rfc3339.validate(text) && Number.isFinite(Date.parse(text)),
  });
  return ajv;
}

const bodyAjv = createAjv(false);
const parameterAjv = createAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : parameterAjv;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};
