// Test users: created through the real account services, with a read+write API token and an
// optional browser session (cookie + CSRF token) for cookie-authenticated requests.
import { type Role, sessionActor } from '../../src/domain/actor.ts';
import { createApiToken } from '../../src/services/auth/create-api-token.ts';
import { createUser as createUserAccount } from '../../src/services/users/create-user.ts';
import type { TestApp } from '../helpers/test-app.ts';

export interface TestUser {
  id: number;
  username: string;
  email: string;
  password: string;
  role: Role;
  /** A read+write API token. */
  token: string;
  /** Headers for Bearer requests: `app.inject({ headers: user.auth })`. */
  auth: { authorization: string };
}

export interface TestSession {
  /** `brier_session=…`, ready for a `cookie` header. */
  cookie: string;
  csrfToken: string;
  /** Headers for cookie-authenticated requests, including the CSRF header. */
  headers: { cookie: string; 'x-csrf-token': string };
}

let sequence = 0;

function uniqueUsername(): string {
  sequence += 1;
  return `user_${process.pid}_${sequence}_${Math.random().toString(36).slice(2, 8)}`.slice(0, 30);
}

export async function createUser(
  t: TestApp,
  options: { role?: Role; username?: string; email?: string; password?: string } = {},
): Promise<TestUser> {
  const username = options.username ?? uniqueUsername();
  const email = options.email ?? `${username.toLowerCase()}@example.test`;
  const password = options.password ?? `pw-${username}-0123456789`;
  const role = options.role ?? 'reader';
  const user = await createUserAccount(t.deps, { username, email, password, role });
  const created = await createApiToken(t.deps, {
    actor: sessionActor(user),
    name: 'test token',
    scopes: ['read', 'write'],
  });
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    password,
    role: user.role,
    token: created.token,
    auth: { authorization: `Bearer ${created.token}` },
  };
}

/** Signs in through the real login route and fetches the session's CSRF token. */
export async function signIn(
  t: TestApp,
  user: { username: string; password: string },
): Promise<TestSession> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: user.username, password: user.password },
  });
  if (login.statusCode !== 200) {
    throw new Error(`signIn failed: ${login.statusCode} ${login.body}`);
  }
  const sessionCookie = login.cookies.find((c) => c.name === 'brier_session');
  if (!sessionCookie) throw new Error('signIn: no brier_session cookie in the login response');
  const cookie = `brier_session=${sessionCookie.value}`;
  const csrf = await t.app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: { cookie } });
  const csrfToken = csrf.json().csrf_token as string;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** An analyst who writes questions, a moderator who approves them, and `readers` readers. */
export async function createForecastingCast(
  t: TestApp,
  readers: number,
): Promise<{ author: TestUser; moderator: TestUser; users: TestUser[] }> {
  const author = await createUser(t, { role: 'analyst' });
  const moderator = await createUser(t, { role: 'moderator' });
  const users: TestUser[] = [];
  for (let i = 0; i < readers; i++) users.push(await createUser(t));
  return { author, moderator, users };
}
