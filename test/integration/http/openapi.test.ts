// The OpenAPI 3.1 document is valid and lists every public API route, generated from the same
// schemas that validate requests.
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Fastify `:id` params → OpenAPI `{id}`. */
function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, '{$1}');
}

describe('OpenAPI document', () => {
  it('is served as a valid OpenAPI 3.1 document', async () => {
    const response = await t.app.inject({ url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('contains every non-hidden /api/v1 route with its method', async () => {
    const document = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    const apiRoutes = t.app.registeredRoutes.filter(
      (route) => route.url.startsWith('/api/v1/') && !route.isHidden && route.method !== 'HEAD',
    );
    expect(apiRoutes.length).toBeGreaterThan(10);
    const missing = apiRoutes.filter((route) => {
      const operations = document.paths[toOpenApiPath(route.url)];
      return !operations?.[route.method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  it('serves browsable docs at /api/docs', async () => {
    const response = await t.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
