// Statements run on every request (authenticating a token, a forecast's lock and write) are sent
// to PostgreSQL as named prepared statements: parsed and planned once per pool connection instead
// of on every execution, which is most of the server-side cost of such a statement. The SQL text
// carries the name; database.ts's pool clients recognise it. PGlite runs the text as is.

const MARKER_PREFIX = '/*prepared:';
const MARKER = /^\/\*prepared:([a-z][a-z0-9_]*)\*\//;

/**
 * `text` marked as the prepared statement `name`. The text must be constant (one name, one
 * text per process) and should name its columns: `select *` would fail ("cached plan must not
 * change result type") after a migration changed the table under a connection that prepared it.
 */
export function preparedSql(name: string, text: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new RangeError(`bad statement name ${name}`);
  return `${MARKER_PREFIX}${name}*/${text}`;
}

/** The statement name a `preparedSql` text carries, else undefined. */
export function preparedName(text: string): string | undefined {
  if (!text.startsWith(MARKER_PREFIX)) return undefined;
  return MARKER.exec(text)?.[1];
}
