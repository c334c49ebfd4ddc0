// What a client cannot make the server do: hold a connection open by trickling its request, or
// put arbitrary text into the request id that is echoed back and logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawConnection } from '../../helpers/raw-http.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp({ env: { REQUEST_TIMEOUT_MS: '1000' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.close());

describe('X-Request-Id', () => {
  async function requestIdFor(sent: string | undefined): Promise<string> {
    const response = await t.app.inject({
      url: '/healthz',
      headers: sent === undefined ? {} : { 'x-request-id': sent },
    });
    return String(response.headers['x-request-id']);
  }

  it('keeps an id that looks like a trace id', async () => {
    expect(await requestIdFor('req-42.abc:7')).toBe('req-42.abc:7');
    expect(await requestIdFor('Root=1-5f84c7a1-6c4a1d0e;Parent=53995c3f')).toBe(
      'Root=1-5f84c7a1-6c4a1d0e;Parent=53995c3f',
    );
  });

  it.each([
    ['8,000 characters', 'a'.repeat(8000)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces and quotes', 'id "with" spaces'],
    ['an empty value', ''],
  ])('replaces %s with a fresh UUID', async (_name, sent) => {
    expect(await requestIdFor(sent)).toMatch(UUID);
  });

  it('gives every request without one its own UUID', async () => {
    const [a, b] = [await requestIdFor(undefined), await requestIdFor(undefined)];
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});

describe('REQUEST_TIMEOUT_MS', () => {
  it('answers 408 and closes a connection that trickles its body', async () => {
    const connection = await openRawConnection(port);
    connection.write(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    const trickle = setInterval(() => connection.socket.write(' '), 100);
    try {
      await connection.closed;
    } finally {
      clearInterval(trickle);
    }
    expect(connection.lastStatus()).toBe(408);
    expect(connection.received()).toContain('REQUEST_TIMEOUT');
  });

  it('lets a request that arrives in time through', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
