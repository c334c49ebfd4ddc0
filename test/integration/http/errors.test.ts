// Every kind of bad request gets a 4xx JSON error body with a code; unknown routes 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../factories/users.ts';
import { createTestApp, METRICS_AUTH, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
});
afterAll(() => t.close());

describe('error bodies', () => {
  it('answers unknown API routes with 404 NOT_FOUND', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('answers unknown pages with a friendly HTML page', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/nope',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Page not found');
  });

  it('rejects malformed JSON with 400 INVALID_JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nope',
      headers: { 'content-type': 'application/json' },
      payload: '{"truncated": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_JSON');
    expect(response.body).not.toMatch(/at .*\.ts/);
  });

  it('rejects bodies over the configured limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nope',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects an XML body to a JSON route with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login><name>someone</name><password>secret</password></login>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('operations endpoints', () => {
  it('reports liveness, readiness and metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ url: '/metrics', headers: METRICS_AUTH });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain(
      'brier_http_requests_total{method="GET",route="/readyz",status="200"}',
    );
    expect(metrics.body).toContain('nodejs_eventloop_lag_seconds');
    expect(metrics.body).toContain('brier_db_pool_connections');
  });

  it('keeps /metrics behind METRICS_TOKEN: 401 without it or with a wrong one', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token',
      'test-metrics-token-0123456789',
    ]) {
      const response = await t.app.inject({
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
      expect(response.body).not.toContain('nodejs_');
    }
  });

  it('turns /metrics off (404) when no METRICS_TOKEN is set', async () => {
    const withoutToken = await createTestApp({ env: { METRICS_TOKEN: '' } });
    try {
      const response = await withoutToken.app.inject({ url: '/metrics', headers: METRICS_AUTH });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    } finally {
      await withoutToken.close();
    }
  });

  it('serves the home page', async () => {
    const response = await t.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Forecasts you can check</h1>');
  });
});

describe('values the database cannot store', () => {
  it('answers a NUL character in a question text with 4xx, not 500', async () => {
    const analyst = await createUser(t, { role: 'analyst' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions',
      headers: analyst.auth,
      payload: { type: 'binary', title: 'Will this \u0000 be stored?', resolution_criteria: 'x' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});
