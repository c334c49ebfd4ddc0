// The write the fault tests use: POST /api/v1/auth/register against a running server.
import { sql } from 'kysely';
import type { Database } from '../../src/db/database.ts';

export const REGISTER_PATH = '/api/v1/auth/register';

export function registerBody(username: string): string {
  return JSON.stringify({
    email: `${username}@example.test`,
    username,
    password: `password-of-${username}`,
  });
}

/** Registers `username`; resolves to the HTTP status (rejects when the connection fails). */
export async function register(baseUrl: string, username: string): Promise<number> {
  const response = await fetch(`${baseUrl}${REGISTER_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: registerBody(username),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Every username stored in the database, read directly with SQL. */
export async function storedUsernames(database: Database): Promise<Set<string>> {
  const result = await sql<{ username: string }>`select username from users`.execute(database.db);
  return new Set(result.rows.map((row) => row.username));
}
