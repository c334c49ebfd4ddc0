// Hostile and broken requests get a 4xx with our JSON error body and a code, never a 500: wrong
// JSON types, poisoned or truncated JSON, lying Content-Length, broken HTTP framing.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../src/http/app.ts';
import { openRawConnection } from '../../helpers/raw-http.ts';
import { createTestApp, METRICS_AUTH, type TestApp } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const REGISTER = '/api/v1/auth/register';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function expectErrorBody(
  response: { statusCode: number; json(): unknown; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/json');
  const body = response.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|SELECT|select /);
  return body.error as { code: string; message: string; details?: { fields?: unknown[] } };
}

function fieldPaths(error: { details?: { fields?: unknown[] } }): string[] {
  return ((error.details?.fields ?? []) as Array<{ path: string }>).map((field) => field.path);
}

function postJson(url: string, payload: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
}

describe('JSON bodies with the wrong shape', () => {
  it('lists every field with a wrong type (no coercion: numbers are not strings)', async () => {
    const response = await postJson(
      REGISTER,
      JSON.stringify({ email: 1, username: ['x'], password: 1234567890123 }),
    );
    const error = expectErrorBody(response, 400, 'VALIDATION_FAILED');
    const paths = fieldPaths(error);
    expect(paths).toEqual(expect.arrayContaining(['/email', '/username', '/password']));
  });

  it('names missing and unknown fields', async () => {
    const response = await postJson(
      REGISTER,
      JSON.stringify({ email: 'a@example.test', password: 'long enough password', admin: true }),
    );
    const error = expectErrorBody(response, 400, 'VALIDATION_FAILED');
    const paths = fieldPaths(error);
    expect(paths).toEqual(expect.arrayContaining(['/username', '/admin']));
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"register me"'],
    ['a number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('rejects %s as the whole body', async (_name, payload) => {
    const response = await postJson(REGISTER, payload);
    expect(response.statusCode).toBe(400);
    expect(['VALIDATION_FAILED', 'INVALID_JSON']).toContain(response.json().error.code);
  });

  it('rejects a 100 000-character username without echoing it', async () => {
    const response = await postJson(
      REGISTER,
      JSON.stringify({ email: 'a@example.test', username: 'u'.repeat(100_000), password: 'p' }),
    );
    const error = expectErrorBody(response, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(error).length).toBeLessThan(2_000);
  });

  it('rejects deeply nested values', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const response = await postJson(
      REGISTER,
      `{"email":${deep},"username":"nested","password":"long enough password"}`,
    );
    expect(response.statusCode).toBe(400);
    expect(['VALIDATION_FAILED', 'INVALID_JSON']).toContain(response.json().error.code);
  });
});

describe('JSON that does not parse', () => {
  it.each([
    ['truncated', '{"email": "a@example.test", "userna'],
    ['trailing garbage', '{"email": "a@example.test"} extra'],
    ['single quotes', "{'email': 'a@example.test'}"],
    ['a prototype-poisoning key', '{"__proto__": {"role": "admin"}, "username": "x"}'],
    ['a constructor-poisoning key', '{"constructor": {"prototype": {"role": "admin"}}}'],
    ['an empty body', ''],
  ])('%s → 400 INVALID_JSON', async (_name, payload) => {
    expectErrorBody(await postJson(REGISTER, payload), 400, 'INVALID_JSON');
  });

  it('a Content-Length larger than the body → 400 with a code', async () => {
    const response = await postJson(REGISTER, '{"a":1}', { 'content-length': '500' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toEqual(expect.any(String));
  });

  it('text/plain to a JSON route → 400 or 415 with a code', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    expect([400, 415]).toContain(response.statusCode);
    expect(['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE']).toContain(response.json().error.code);
  });

  it.each([
    ['application/xml', '<user><email>a</email></user>'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\nhello\r\n--x--'],
  ])('%s to a JSON route → 415 UNSUPPORTED_MEDIA_TYPE', async (contentType, payload) => {
    const response = await t.app.inject({
      method: 'POST',
      url: REGISTER,
      headers: { 'content-type': contentType },
      payload,
    });
    expectErrorBody(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('parameters with the wrong type', () => {
  it.each([
    ['a word as a question id', '/api/v1/questions/abc'],
    ['a negative question id', '/api/v1/questions/-1'],
    ['a question id past bigint', '/api/v1/questions/99999999999999999999'],
    ['a fractional question id', '/api/v1/questions/1.5'],
    ['a word as a page size', '/api/v1/questions?limit=abc'],
    ['a huge page size', '/api/v1/questions?limit=1000000000'],
    ['a forged cursor', '/api/v1/questions?cursor=%27%3B%20drop%20table%20users%3B--'],
    ['broken percent-encoding', '/api/v1/users/%E0%A4%A'],
    ['an over-long parameter', `/api/v1/users/${'u'.repeat(500)}`],
  ])('%s → 4xx with a code', async (_name, url) => {
    const response = await t.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().error.code).toEqual(expect.any(String));
  });
});

describe('broken HTTP framing on a real socket', () => {
  let app: App;
  let port: number;
  const warnings: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    // A second app on the same database whose warnings we can read.
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(JSON.parse(line) as Record<string, unknown>) },
    );
    app = await buildApp({ ...t.deps, logger });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => app.close());

  const head = (length: string) =>
    `POST ${REGISTER} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n`;
  const body = '{"email":"a@example.test","username":"framing","password":"long enough password"}';

  it.each([
    ['a Content-Length that is not a number', `${head('abc')}\r\n${body}`, 400],
    ['two different Content-Lengths', `${head('5')}Content-Length: 6\r\n\r\n{}`, 400],
    [
      'Content-Length with Transfer-Encoding (request smuggling)',
      `${head('5')}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      400,
    ],
    [
      'a broken chunk size',
      `POST ${REGISTER} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
    ],
    ['a request line that is not HTTP', 'HELLO WORLD\r\n\r\n', 400],
    [
      '20 KB of headers',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
  ])('%s → %d with a JSON error code', async (_name, request, status) => {
    const connection = await openRawConnection(port);
    connection.write(request);
    await connection.closed;
    const response = await connection.waitForJsonResponse();
    expect(response.status).toBe(status);
    expect((response.body as { error: { code: string } }).error.code).toEqual(expect.any(String));
  });

  it('a Content-Length shorter than the body → only 4xx answers', async () => {
    const connection = await openRawConnection(port);
    connection.write(`${head('10')}\r\n${body}`);
    await connection.closed;
    const statuses = [...connection.received().matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) =>
      Number(m[1]),
    );
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(400);
    for (const status of statuses) expect(status).toBeLessThan(500);
  });

  it('a body cut off by the client is a client problem, not a database outage', async () => {
    const connection = await openRawConnection(port);
    connection.write(`${head('500')}\r\n${body}`);
    connection.socket.end();
    await connection.closed;
    const response = await connection.waitForJsonResponse();
    expect(response.status).toBe(400);
    // The aborted read surfaces inside Fastify as ECONNRESET: it must not be logged or counted as
    // DATABASE_UNAVAILABLE (or as an unhandled 500).
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
    expect(warnings.filter((line) => /database|unhandled/i.test(String(line.msg)))).toEqual([]);
  });

  it('leaves the server healthy, with no 5xx counted', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const metrics = await (
      await fetch(`http://127.0.0.1:${port}/metrics`, { headers: METRICS_AUTH })
    ).text();
    expect(metrics).not.toMatch(/brier_http_requests_total\{[^}]*status="5\d\d"/);
  });
});
