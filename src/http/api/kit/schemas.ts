// TypeBox pieces every API schema module shares: nullable values, instants, ids, the error body.
import { type TSchema, Type } from '@sinclair/typebox';

/** `T | null`, the API's way to say "not set" (never an absent key in a response). */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

/** An RFC 3339 instant: validated as such in requests, always UTC (`…Z`) in responses. */
export const DateTime = (description = 'RFC 3339 date-time') =>
  Type.String({ format: 'date-time', description });

/** A database id in a path, query or body: a positive integer that JavaScript holds exactly. */
export const Id = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });

/** Path parameters of `/…/:id` routes. */
export const IdParamsSchema = Type.Object({ id: Id() });

/** How responses name a user: enough to link to the public profile. */
export const UserRefSchema = Type.Object({ id: Type.Integer(), username: Type.String() });

/** A JSON object whose keys the schema does not list (kept whole by the serializer). */
export const FreeObject = (description?: string) =>
  Type.Object({}, { additionalProperties: true, description });

/** A response that is text of `mediaType` (a CSV, an event stream) rather than JSON. */
export function TextResponse(mediaType: string, description: string) {
  return { description, content: { [mediaType]: { schema: Type.String() } } };
}
